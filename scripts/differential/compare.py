"""Runs random asyncio programs on CPython and on asyncdemo's runtime and compares their output.

    python3 scripts/differential/compare.py --count 300 [--seed 1] [--prims] [--keep DIR] [--node node]
        [--clock virtual]

Each program (see generate.py) runs twice on CPython; a program whose two CPython runs differ
depends on timing noise and is not counted, nor one whose differing runtime output does not
repeat on each of two more runs. Prints the seeds that differ and a summary line;
exit 1 if any differs. Needs `npm run build` first (it imports dist/runtime/index.js).
"""
import argparse, os, shutil, subprocess, sys, tempfile, pathlib
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(__file__))
from generate import Program  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUNTIME = (ROOT / "dist" / "runtime" / "index.js").as_uri()


def run(cmd, path, env=None):
    try:
        done = subprocess.run(cmd + [path], capture_output=True, text=True, timeout=30, env=env)
        out = done.stdout
        if done.returncode != 0:
            # The error's name: python3's last line of traceback (`asyncio.exceptions.
            # CancelledError`, `ValueError: x`), the Node side's one line.
            last = (done.stderr.strip().splitlines() or [""])[-1]
            out += f"\n[exit {done.returncode}] {last.split(':')[0].split('.')[-1]}"
    except subprocess.TimeoutExpired:
        out = "[timeout]"
    # Output after END is asyncio.run's shutdown (the tasks left, cancelled): compared too, but
    # as a multiset: asyncio cancels the tasks left in the order of a set of them (by memory
    # address), the runtime in the order they were made, so the prints of two of them may come in
    # either order.
    head, end, tail = out.partition("END\n")
    return head + end + "".join(sorted(tail.splitlines(True)))


def check(seed, args, folder):
    py, js = Program(seed, prims=args.prims).render()
    js = js.replace("RUNTIME", RUNTIME)
    py_path = os.path.join(folder, f"p{seed}.py")
    js_path = os.path.join(folder, f"p{seed}.mjs")
    pathlib.Path(py_path).write_text(py)
    pathlib.Path(js_path).write_text(js)
    a = run([sys.executable], py_path)
    b = run([sys.executable], py_path)
    if a != b:
        return seed, "flaky", a, b
    env = dict(os.environ, ASYNCDEMO_CLOCK=args.clock)
    n = run([args.node], js_path, env)
    if n == a:
        return seed, "same", a, n
    # A difference that the runtime does not repeat is timing noise too (a race within a
    # millisecond or two, which a cold JIT or a loaded machine can tip): up to two more runs,
    # and one that differs from the first (ending as CPython does, say) shows it.
    for _ in range(2):
        if run([args.node], js_path, env) != n:
            return seed, "flaky", a, n
    return seed, "differ", a, n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="folder to keep the programs in")
    parser.add_argument("--node", default="node")
    parser.add_argument("--clock", choices=["real", "virtual"], default="real",
                        help="the runtime's clock (ASYNCDEMO_CLOCK): virtual skips the waits")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", action="store_true", help="print the differing outputs")
    parser.add_argument("--prims", action="store_true",
                        help="programs that also use Lock, Semaphore, Event and Queue")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="asyncdemo-diff-")
    os.makedirs(folder, exist_ok=True)
    seeds = range(args.seed, args.seed + args.count)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda s: check(s, args, folder), seeds))
    counts = {"same": 0, "differ": 0, "flaky": 0}
    for seed, verdict, a, b in results:
        counts[verdict] += 1
        if verdict == "differ":
            print(f"seed {seed} differs ({folder}/p{seed}.py)")
            if args.show:
                import difflib
                print("".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "cpython", "node")))
    if not args.keep and not counts["differ"]:
        shutil.rmtree(folder, ignore_errors=True)  # kept only to look at a difference
    compared = counts["same"] + counts["differ"]
    print(f"{counts['same']} of {compared} programs end the same on CPython and the runtime "
          f"({counts['flaky']} left out: a run varied from the next)")
    sys.exit(1 if counts["differ"] else 0)


if __name__ == "__main__":
    main()
