"""Random asyncio programs, each written twice: for CPython 3.11 and for asyncdemo's runtime.

Both versions print the same lines when the runtime follows asyncio: every print, every caught
error, every task's final state. Used by compare.py; run `python3 compare.py --help`.
"""
import random

DELAYS = [0, 0, 1, 2, 3, 5]  # in units of U seconds
BLOCKS = [0.5, 1, 1.5]


class Program:
    def __init__(self, seed, max_coros=5, prims=False):
        self.rnd = random.Random(seed)
        self.prims = prims
        self.n_coros = self.rnd.randint(2, max_coros)
        self.task_count = 0
        self.label_count = 0
        self.py = []
        self.js = []

    # -- helpers -----------------------------------------------------------------------------
    def label(self, fn):
        self.label_count += 1
        return f"{fn}.{self.label_count}"

    def emit(self, depth, py, js):
        if py is not None:
            self.py.append("    " * depth + py)
        if js is not None:
            self.js.append("  " * depth + js)

    def delay(self):
        return self.rnd.choice(DELAYS)

    # -- statements --------------------------------------------------------------------------
    def body(self, fn, depth, budget, ctx):
        """Emits up to `budget` statements; returns the task variables created."""
        made = []
        for _ in range(self.rnd.randint(min(3, budget) if fn == "main" else 1, budget)):
            self.statement(fn, depth, ctx, made)
        return made

    def statement(self, fn, depth, ctx, made):
        r = self.rnd
        callable_coros = [i for i in range(self.n_coros) if i > ctx["index"]]
        choices = ["print", "sleep", "sleep", "print"]
        if callable_coros:
            choices += ["create", "create", "gather"]
            if ctx["tg"]:
                choices += ["tgcreate", "tgcreate"]
        if ctx["tasks"]:
            choices += ["await", "cancel", "state", "cancel"]
            choices += ["shield"]
        if ctx["nest"] < 2:
            choices += ["taskgroup", "timeout", "try", "try"]
            if callable_coros:
                choices += ["waitfor"]
        choices += ["block", "raise", "cancelling"]
        if r.random() < 0.05:
            choices += ["uncancel"]
        if r.random() < 0.1:
            choices += ["cancelself"]
        if ctx["nest"] < 2 and r.random() < 0.3:
            choices += ["catchloop", "timeoutcm"]
        if ctx["tasks"] and callable_coros:
            choices += ["gathertask", "waitfortask"]
        if self.prims:
            choices += ["lockwith", "semwith", "evset", "evclear", "evwait", "qput", "qget",
                        "qputnow", "qgetnow", "qdone", "qjoin", "lockacq", "lockrel", "prstate"]
            choices += ["cwait", "cwaitfor", "cnotify", "cnotifyall", "bwait", "breset",
                        "lqput", "lqget", "pqput", "pqget", "pqgetnow", "cvset", "cvget"]
            if r.random() < 0.2:
                choices += ["babort"]
            choices += ["callsoon", "calllater", "hcancel", "fset", "fcancel", "frenew", "fstate",
                        "fwait", "fshield"]
            if ctx["tasks"] or callable_coros:
                choices += ["wait", "wait", "ascompleted"]
            if ctx["tasks"]:
                choices += ["donecb"]
        kind = r.choice(choices)
        lbl = self.label(fn)
        if kind in PRIM_KINDS:
            self.primitive(kind, lbl, fn, depth, ctx)
            return
        if kind == "print":
            self.emit(depth, f"P({lbl!r})", f"P({lbl!r});")
        elif kind == "sleep":
            d = self.delay()
            self.emit(depth, f"await asyncio.sleep({d} * U)", f"await sleep({d} * U);")
        elif kind == "block":
            d = r.choice(BLOCKS)
            self.emit(depth, f"time.sleep({d} * U)", f"blockingSleep({d} * U);")
        elif kind in ("create", "tgcreate"):
            c = r.choice(callable_coros)
            self.task_count += 1
            name = f"t{self.task_count}"
            ctx["declared"].append(name)
            creator_py = f"{ctx['tg']}.create_task" if kind == "tgcreate" else "asyncio.create_task"
            creator_js = f"{ctx['tg']}.createTask" if kind == "tgcreate" else "createTask"
            self.emit(depth, f"{name} = T[{name!r}] = {creator_py}(c{c}())",
                      f"{name} = T.{name} = {creator_js}(c{c});")
            ctx["tasks"].append(name)
            made.append(name)
        elif kind == "await":
            t = r.choice(ctx["tasks"])
            self.emit(depth, f"if {t} is not None: P({lbl!r}, fmt(await {t}))",
                      f"if ({t} !== undefined) P({lbl!r}, fmt(await {t}));")
        elif kind == "shield":
            t = r.choice(ctx["tasks"])
            self.emit(depth, f"if {t} is not None: P({lbl!r}, fmt(await asyncio.shield({t})))",
                      f"if ({t} !== undefined) P({lbl!r}, fmt(await shield({t})));")
        elif kind == "cancel":
            t = r.choice(ctx["tasks"])
            msg = r.choice([None, None, "m"])
            arg_py = "" if msg is None else repr(msg)
            arg_js = "" if msg is None else repr(msg)
            self.emit(depth, f"if {t} is not None: P({lbl!r}, {t}.cancel({arg_py}))",
                      f"if ({t} !== undefined) P({lbl!r}, fmt({t}.cancel({arg_js})));")
        elif kind == "state":
            t = r.choice(ctx["tasks"])
            self.emit(depth, f"if {t} is not None: P({lbl!r}, state({t}))",
                      f"if ({t} !== undefined) P({lbl!r}, state({t}));")
        elif kind == "cancelling":
            self.emit(depth, f"P({lbl!r}, asyncio.current_task().cancelling())",
                      f"P({lbl!r}, currentTask().cancelling());")
        elif kind == "uncancel":
            self.emit(depth, f"P({lbl!r}, asyncio.current_task().uncancel())",
                      f"P({lbl!r}, currentTask().uncancel());")
        elif kind == "gather":
            parts_py, parts_js = [], []
            for _ in range(r.randint(1, 3)):
                if ctx["tasks"] and r.random() < 0.3:
                    t = r.choice(ctx["tasks"])
                    parts_py.append(f"{t} or c{r.choice(callable_coros)}()")
                    # the same fallback, made lazily
                    parts_js.append(f"({t} ?? c{r.choice(callable_coros)})")
                    parts_js[-1] = None
                    parts_py[-1] = None
                c = r.choice(callable_coros)
                parts_py.append(f"c{c}()")
                parts_js.append(f"c{c}")
            parts_py = [p for p in parts_py if p]
            parts_js = [p for p in parts_js if p]
            rex = r.random() < 0.4
            self.emit(depth,
                      f"P({lbl!r}, fmt(await asyncio.gather({', '.join(parts_py)}, return_exceptions={rex})))",
                      f"P({lbl!r}, fmt(await gather({', '.join(parts_js)}, {{ returnExceptions: {'true' if rex else 'false'} }})));")
        elif kind == "waitfor":
            c = r.choice(callable_coros)
            d = self.delay()
            self.emit(depth, f"P({lbl!r}, fmt(await asyncio.wait_for(c{c}(), {d} * U)))",
                      f"P({lbl!r}, fmt(await waitFor(c{c}, {d} * U)));")
        elif kind == "cancelself":
            self.emit(depth, f"P({lbl!r}, asyncio.current_task().cancel())",
                      f"P({lbl!r}, fmt(currentTask().cancel()));")
        elif kind == "gathertask":
            t = r.choice(ctx["tasks"])
            c = r.choice(callable_coros)
            rex = r.random() < 0.5
            self.emit(depth,
                      f"if {t} is not None: P({lbl!r}, fmt(await asyncio.gather({t}, c{c}(), return_exceptions={rex})))",
                      f"if ({t} !== undefined) P({lbl!r}, fmt(await gather({t}, c{c}, {{ returnExceptions: {'true' if rex else 'false'} }})));")
        elif kind == "waitfortask":
            t = r.choice(ctx["tasks"])
            d = self.delay()
            self.emit(depth, f"if {t} is not None: P({lbl!r}, fmt(await asyncio.wait_for({t}, {d} * U)))",
                      f"if ({t} !== undefined) P({lbl!r}, fmt(await waitFor({t}, {d} * U)));")
        elif kind == "catchloop":
            n = r.randint(2, 3)
            d = r.choice([1, 2, 3])
            self.emit(depth, f"for _ in range({n}):", f"for (let i = 0; i < {n}; i++) {{")
            self.emit(depth + 1, "try:", "try {")
            self.emit(depth + 2, f"await asyncio.sleep({d} * U)", f"await sleep({d} * U);")
            self.emit(depth + 1, "except asyncio.CancelledError as e:", "} catch (e) {")
            self.emit(depth + 2, None, "if (!(e instanceof CancelledError)) throw e;")
            self.emit(depth + 2, f"P({lbl!r}, 'caught', fmt(e), asyncio.current_task().cancelling())",
                      f"P({lbl!r}, 'caught', fmt(e), currentTask().cancelling());")
            if r.random() < 0.5:
                self.emit(depth + 2, f"P({lbl!r}, 'uncancel', asyncio.current_task().uncancel())",
                          f"P({lbl!r}, 'uncancel', currentTask().uncancel());")
            self.emit(depth + 1, None, "}")
            self.emit(depth, None, "}")
        elif kind == "timeoutcm":
            d = self.delay()
            d2 = r.choice(["None", 0, 1, 2, 4])
            cm = f"cm{ctx['nest']}"
            if cm not in ctx["declared"]:
                ctx["declared"].append(cm)
            self.emit(depth, f"async with asyncio.timeout({d} * U) as {cm}:",
                      f"await timeout({d} * U, async (cm) => {{ {cm} = cm;")
            if d2 == "None":
                self.emit(depth + 1, f"{cm}.reschedule(None)", f"{cm}.reschedule(null);")
            else:
                self.emit(depth + 1, f"{cm}.reschedule(asyncio.get_running_loop().time() + {d2} * U)",
                          f"{cm}.reschedule(loopTime() + {d2} * U);")
            inner = dict(ctx, nest=ctx["nest"] + 1)
            self.body(fn, depth + 1, 3, inner)
            self.emit(depth, None, "});")
            self.emit(depth, f"P({lbl!r}, 'expired', {cm}.expired())", f"P({lbl!r}, 'expired', fmt({cm}.expired()));")
        elif kind == "raise":
            self.emit(depth, f"raise ValueError({lbl!r})", f"throw new ValueError({lbl!r});")
        elif kind == "taskgroup":
            tg = f"tg{ctx['nest']}"
            self.emit(depth, f"async with asyncio.TaskGroup() as {tg}:", f"await taskGroup(async ({tg}) => {{")
            inner = dict(ctx, tg=tg, nest=ctx["nest"] + 1)
            self.body(fn, depth + 1, 4, inner)
            self.emit(depth + 1, "pass", None)
            self.emit(depth, None, "});")
        elif kind == "timeout":
            d = self.delay()
            self.emit(depth, f"async with asyncio.timeout({d} * U):", f"await timeout({d} * U, async () => {{")
            inner = dict(ctx, nest=ctx["nest"] + 1)
            self.body(fn, depth + 1, 4, inner)
            self.emit(depth + 1, "pass", None)
            self.emit(depth, None, "});")
        elif kind == "try":
            catch = r.choice(["cancel", "exception", "all", "finally"])
            reraise = r.random() < 0.5
            self.emit(depth, "try:", "try {")
            inner = dict(ctx, nest=ctx["nest"] + 1)
            self.body(fn, depth + 1, 3, inner)
            self.emit(depth + 1, "pass", None)
            if catch == "finally":
                self.emit(depth, "finally:", "} finally {")
                self.emit(depth + 1, f"P({lbl!r}, 'finally')", f"P({lbl!r}, 'finally');")
            else:
                py_exc = {"cancel": "asyncio.CancelledError", "exception": "Exception", "all": "BaseException"}[catch]
                js_guard = {
                    "cancel": "if (!(e instanceof CancelledError)) throw e;",
                    "exception": "if (e instanceof CancelledError) throw e;",
                    "all": "",
                }[catch]
                self.emit(depth, f"except {py_exc} as e:", "} catch (e) {")
                if js_guard:
                    self.emit(depth + 1, None, js_guard)
                self.emit(depth + 1, f"P({lbl!r}, 'caught', fmt(e))", f"P({lbl!r}, 'caught', fmt(e));")
                if reraise:
                    self.emit(depth + 1, "raise", "throw e;")
                elif r.random() < 0.5:
                    d = self.delay()
                    self.emit(depth + 1, f"await asyncio.sleep({d} * U)", f"await sleep({d} * U);")
            self.emit(depth, None, "}")

    def primitive(self, kind, lbl, fn, depth, ctx):
        """Statements on the shared Lock L, Semaphore(2) S, Event E, Queue(2) Q and more. Every wait
        that could last forever is bounded by wait_for, so programs end."""
        r = self.rnd
        d = r.choice([1, 2, 3, 5])
        if kind in ("lockwith", "semwith"):
            p = "L" if kind == "lockwith" else "S"
            self.emit(depth, f"async with {p}:", f"await {p}.hold(async () => {{")
            self.emit(depth + 1, f"P({lbl!r}, 'in', {p}.locked())", f"P({lbl!r}, 'in', fmt({p}.locked()));")
            self.body(fn, depth + 1, 2, dict(ctx, nest=ctx["nest"] + 1))
            self.emit(depth, None, "});")
        elif kind in BOUNDED:
            # Every wait that could last for ever is bounded by wait_for, so programs end.
            awaited, shown = BOUNDED[kind]
            # A priority is the label's number: later labels come out later.
            awaited = awaited.replace("LBL", repr(lbl)).replace("LEN", str(r.randint(0, 9)))
            py = f"await asyncio.wait_for({awaited}, {d} * U)"
            js = f"await waitFor(() => {awaited}, {d} * U)"
            if shown:
                self.emit(depth, f"P({lbl!r}, fmt({py}))", f"P({lbl!r}, fmt({js}));")
            else:
                self.emit(depth, py, f"{js};")
        elif kind in STATEMENTS:
            py, js = (part.replace("LBL", repr(lbl)) for part in STATEMENTS[kind])
            self.emit(depth, py, js)
        elif kind in ("cnotify", "cnotifyall"):
            n = "None" if kind == "cnotifyall" else r.choice([1, 1, 2])
            js_n = "undefined" if n == "None" else n
            self.emit(depth, f"P({lbl!r}, 'notified', await cond_notify({n}))",
                      f"P({lbl!r}, 'notified', fmt(await cond_notify({js_n})));")
        elif kind in ("wait", "ascompleted"):
            ts = r.sample(ctx["tasks"], min(len(ctx["tasks"]), r.randint(0, 2)))
            callable_coros = [i for i in range(self.n_coros) if i > ctx["index"]]
            for _ in range(r.randint(0 if ts else 1, 2) if callable_coros else 0):
                # New tasks to wait for, in T so that their end shows.
                self.task_count += 1
                name = f"t{self.task_count}"
                c = r.choice(callable_coros)
                ctx["declared"].append(name)
                self.emit(depth, f"{name} = T[{name!r}] = asyncio.create_task(c{c}())",
                          f"{name} = T.{name} = createTask(c{c});")
                ctx["tasks"].append(name)
                ts.append(name)
            if not ts:
                return
            timeout = r.choice(["None", d, d])
            js_timeout = "undefined" if timeout == "None" else f"{timeout} * U"
            py_timeout = "None" if timeout == "None" else f"{timeout} * U"
            self.emit(depth, f"ts = [x for x in ({', '.join(ts)},) if x is not None]",
                      f"{{ const ts = [{', '.join(ts)}].filter((x) => x !== undefined);")
            if kind == "wait":
                when = r.choice(["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"])
                self.emit(depth, "if ts:", "if (ts.length > 0) {")
                self.emit(depth + 1,
                          f"done, pending = await asyncio.wait(ts, timeout={py_timeout}, return_when=asyncio.{when})",
                          f"const [done, pending] = await wait(ts, {{ timeout: {js_timeout}, returnWhen: {when} }});")
                self.emit(depth + 1, f"P({lbl!r}, len(done), len(pending), *[state(t) for t in ts])",
                          f"P({lbl!r}, done.size, pending.size, ...ts.map(state));")
                self.emit(depth, None, "} }")
            else:
                self.emit(depth, f"for f in asyncio.as_completed(ts, timeout={py_timeout}):",
                          f"for (const f of asCompleted(ts, {{ timeout: {js_timeout} }})) {{")
                self.emit(depth + 1, f"P({lbl!r}, fmt(await f))", f"P({lbl!r}, fmt(await f));")
                self.emit(depth, None, "} }")
        elif kind in ("fwait", "fshield"):
            py = "FU[0]" if kind == "fwait" else "asyncio.shield(FU[0])"
            js = "FU[0]" if kind == "fwait" else "shield(FU[0])"
            self.emit(depth, f"P({lbl!r}, fmt(await asyncio.wait_for({py}, {d} * U)))",
                      f"P({lbl!r}, fmt(await waitFor({js}, {d} * U)));")
        elif kind == "donecb":
            # A done callback: scheduled when the task ends, in the context of the call.
            t = r.choice(ctx["tasks"])
            self.emit(depth, f"if {t} is not None: {t}.add_done_callback(lambda f: P({lbl!r}, 'done', state(f), CV.get()))",
                      f"if ({t} !== undefined) {t}.addDoneCallback((f) => P({lbl!r}, 'done', state(f), CV.get()));")
        elif kind == "lockrel":
            self.emit(depth, "if L.locked(): L.release()", "if (L.locked()) L.release();")
        elif kind == "prstate":
            self.emit(depth, f"P({lbl!r}, L.locked(), S.locked(), E.is_set(), Q.qsize(), Q.full())",
                      f"P({lbl!r}, fmt(L.locked()), fmt(S.locked()), fmt(E.isSet()), Q.qsize(), fmt(Q.full()));")

    # -- whole program ---------------------------------------------------------------------------
    def coroutine(self, index, name):
        start_py, start_js = len(self.py), len(self.js)
        ctx = {"index": index, "tasks": [], "tg": None, "nest": 0, "declared": []}
        self.emit(0, f"async def {name}():", f"async function {name}() {{")
        decl_py, decl_js = len(self.py), len(self.js)
        self.body(name, 1, 6 if index < 0 else 4, ctx)
        value = self.label(name)
        self.emit(1, f"return {value!r}", f"return {value!r};")
        self.emit(0, None, "}")
        if ctx["declared"]:
            names = ctx["declared"]
            self.py.insert(decl_py, "    " + " = ".join(names) + " = None")
            self.js.insert(decl_js, "  let " + ", ".join(names) + ";")
        self.emit(0, "", "")

    def render(self):
        for i in reversed(range(self.n_coros)):
            self.coroutine(i, f"c{i}")
        self.coroutine(-1, "main")
        py_head, py_tail, js_head, js_tail = PY_HEAD, PY_TAIL, JS_HEAD, JS_TAIL
        if self.prims:
            py_head += PY_PRIMS
            js_head += JS_PRIMS
            # A deadlock (a task holding L awaits one that waits for L) ends at this guard.
            py_tail = py_tail.replace("await main()", "await asyncio.wait_for(main(), 60 * U)")
            py_tail = py_tail.replace("async def runner():\n", "async def runner():\n    FU[0] = asyncio.get_running_loop().create_future()\n")
            js_tail = js_tail.replace("await main()", "await waitFor(main, 60 * U)")
        return py_head + "\n".join(self.py) + py_tail, js_head + "\n".join(self.js) + js_tail


# Primitive waits: (the awaitable, the same in JS, whether its value is printed); LBL is the label.
BOUNDED = {
    "evwait": ("E.wait()", True),
    "qput": ("Q.put(LBL)", False),
    "qget": ("Q.get()", True),
    "qjoin": ("Q.join()", False),
    "lockacq": ("L.acquire()", True),
    "cwait": ("cond_wait()", True),
    "cwaitfor": ("cond_wait_for()", True),
    "bwait": ("B.wait()", True),
    "breset": ("B.reset()", False),
    "babort": ("B.abort()", False),
    "lqput": ("LQ.put(LBL)", False),
    "lqget": ("LQ.get()", True),
    "pqput": ("PQ.put(LEN)", False),
    "pqget": ("PQ.get()", True),
}
# Primitive statements that do not wait: (Python, JavaScript).
STATEMENTS = {
    "evset": ("E.set()", "E.set();"),
    "evclear": ("E.clear()", "E.clear();"),
    "qputnow": ("Q.put_nowait(LBL)", "Q.putNowait(LBL);"),
    "qgetnow": ("P(LBL, Q.get_nowait())", "P(LBL, Q.getNowait());"),
    "qdone": ("Q.task_done()", "Q.taskDone();"),
    "pqgetnow": ("P(LBL, PQ.get_nowait())", "P(LBL, PQ.getNowait());"),
    # A context variable: each task reads what it set, else what its creator had set.
    "cvset": ("CV.set(LBL)", "CV.set(LBL);"),
    "cvget": ("P(LBL, CV.get())", "P(LBL, CV.get());"),
    # Loop callbacks: their turn among the tasks' steps, and the context they run in.
    "callsoon": ("asyncio.get_running_loop().call_soon(lambda: P(LBL, 'soon', CV.get()))",
                 "callSoon(() => P(LBL, 'soon', CV.get()));"),
    "calllater": ("HS.append(asyncio.get_running_loop().call_later(1 * U, lambda: P(LBL, 'later', CV.get())))",
                  "HS.push(callLater(1 * U, () => P(LBL, 'later', CV.get())));"),
    "hcancel": ("if HS: HS.pop(0).cancel()", "if (HS.length > 0) HS.shift().cancel();"),
    # A shared future: set, cancelled, renewed once done, awaited (a wait_for cancels it at its
    # limit) or through shield (which does not).
    "fset": ("if not FU[0].done(): FU[0].set_result(LBL)", "if (!FU[0].done()) FU[0].setResult(LBL);"),
    "fcancel": ("P(LBL, FU[0].cancel())", "P(LBL, fmt(FU[0].cancel()));"),
    "frenew": ("if FU[0].done(): FU[0] = asyncio.get_running_loop().create_future()",
               "if (FU[0].done()) FU[0] = new Future();"),
    "fstate": ("P(LBL, state(FU[0]))", "P(LBL, state(FU[0]));"),
}

PRIM_KINDS = {"lockwith", "semwith", "evset", "evclear", "evwait", "qput", "qget", "qputnow",
              "qgetnow", "qdone", "qjoin", "lockacq", "lockrel", "prstate", "cwait", "cwaitfor",
              "cnotify", "cnotifyall", "bwait", "breset", "babort", "lqput", "lqget", "pqput",
              "pqget", "pqgetnow", "wait", "ascompleted", "cvset", "cvget", "callsoon",
              "calllater", "donecb", "hcancel", "fset", "fcancel", "frenew", "fstate", "fwait",
              "fshield"}

PY_PRIMS = '''import contextvars
CV = contextvars.ContextVar('cv', default='-')
L, S, E, Q = asyncio.Lock(), asyncio.Semaphore(2), asyncio.Event(), asyncio.Queue(2)
C, B = asyncio.Condition(), asyncio.Barrier(2)
LQ, PQ = asyncio.LifoQueue(2), asyncio.PriorityQueue(2)
FLAG = [0]
FU, HS = [None], []
async def cond_wait():
    async with C:
        await C.wait()
        return 'woken'
async def cond_wait_for():
    async with C:
        FLAG[0] += 1
        return await C.wait_for(lambda: FLAG[0] % 3 == 0)
async def cond_notify(n):
    async with C:
        FLAG[0] += 1
        if n is None: C.notify_all()
        else: C.notify(n)

'''

JS_PRIMS = '''import { asCompleted, ALL_COMPLETED, Barrier, callLater, callSoon, Condition, ContextVar, Event, FIRST_COMPLETED, FIRST_EXCEPTION, Future, LifoQueue, Lock, PriorityQueue, Queue, Semaphore, wait } from 'RUNTIME';
const CV = new ContextVar('cv', { default: '-' });
const L = new Lock(), S = new Semaphore(2), E = new Event(), Q = new Queue(2);
const C = new Condition(), B = new Barrier(2);
const LQ = new LifoQueue(2), PQ = new PriorityQueue(2);
const FLAG = [0];
const FU = [new Future()], HS = [];
const cond_wait = () => C.hold(async () => { await C.wait(); return 'woken'; });
const cond_wait_for = () => C.hold(async () => { FLAG[0] += 1; return await C.waitFor(() => FLAG[0] % 3 === 0); });
const cond_notify = (n) => C.hold(async () => {
  FLAG[0] += 1;
  if (n === undefined) C.notifyAll(); else C.notify(n);
});

'''


PY_HEAD = '''import asyncio, time
T = {}
U = 0.01
def P(*a): print(*[str(x) for x in a], flush=True)
def fmt(v):
    if isinstance(v, BaseExceptionGroup): return 'Group[' + ','.join(fmt(e) for e in v.exceptions) + ']'
    if isinstance(v, BaseException): return type(v).__name__ + ('(' + str(v) + ')' if str(v) else '')
    if isinstance(v, (list, tuple)): return '[' + ','.join(fmt(x) for x in v) + ']'
    return str(v)
def state(t):
    if t.cancelled(): return 'cancelled'
    if not t.done(): return 'pending'
    return 'raised:' + fmt(t.exception()) if t.exception() is not None else 'done:' + fmt(t.result())

'''

PY_TAIL = '''
async def runner():
    try:
        P('main ->', fmt(await main()))
    except BaseException as e:
        P('main raised', fmt(e))
    for k in sorted(T, key=lambda k: int(k[1:])): P(k, state(T[k]))
    P('END')
asyncio.run(runner())
# As the Node side's process.exit: no teardown after the run. (CPython's would close the
# coroutines of tasks a cancelled task started during the shutdown, still pending, and an
# `except BaseException` in them would print GeneratorExit, which JavaScript has no counterpart
# of.)
import os, sys
sys.stdout.flush()
os._exit(0)
'''

JS_HEAD = '''import { blockingSleep, CancelledError, createTask, run, currentTask, gather, shield, sleep, TaskGroupError, taskGroup, timeout, waitFor, loopTime } from 'RUNTIME';
const T = {};
const U = 0.01;
const out = [];
const P = (...a) => out.push(a.map(String).join(' '));
class ValueError extends Error { constructor(m) { super(m); this.name = 'ValueError'; } }
function fmt(v) {
  // asyncio's RuntimeError and ValueError are InvalidStateError and RangeError here.
  if (v instanceof Error && v.message === 'Lock is not acquired.') return 'RuntimeError(' + v.message + ')';
  if (v instanceof RangeError) return 'ValueError(' + v.message.replace('taskDone()', 'task_done()') + ')';
  if (v instanceof TaskGroupError) return 'Group[' + v.errors.map(fmt).join(',') + ']';
  if (v instanceof Error) return v.name + (v.message ? '(' + v.message + ')' : '');
  if (Array.isArray(v)) return '[' + v.map(fmt).join(',') + ']';
  if (v === undefined || v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}
function state(t) {
  if (t.cancelled()) return 'cancelled';
  if (!t.done()) return 'pending';
  return t.exception() !== undefined ? 'raised:' + fmt(t.exception()) : 'done:' + fmt(t.result());
}

'''

JS_TAIL = '''
async function runner() {
  try {
    P('main ->', fmt(await main()));
  } catch (e) {
    P('main raised', fmt(e));
  }
  for (const k of Object.keys(T).sort((a, b) => a.slice(1) - b.slice(1))) P(k, state(T[k]));
  P('END');
}
// asyncio.run raises what the main task ended with (CancelledError, if it cancelled itself):
// python3 then exits 1 with the error's name last on stderr.
let failed;
try { await run(runner); } catch (e) { failed = e; }
if (failed !== undefined) process.stderr.write(String(failed?.name ?? failed) + '\\n');
process.stdout.write(out.join('\\n') + '\\n', () => process.exit(failed === undefined ? 0 : 1));
'''
