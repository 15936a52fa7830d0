"""What every notebook script reports: its transcript and timings, as JSON on stdout.

The scripts are the notebook's cells, with two changes: every duration is multiplied by
--scale, and what the cells print is collected (with the time it was printed) instead.
"""

import argparse
import json
import sys
import time


class Report:
    def __init__(self, scenario: str) -> None:
        parser = argparse.ArgumentParser()
        parser.add_argument("--scale", type=float, default=1.0)
        self.scale = parser.parse_args().scale
        self.scenario = scenario
        self.start = time.perf_counter()
        self.transcript = []
        self.timings = []

    def seconds(self, notebook_seconds: float) -> float:
        return notebook_seconds * self.scale

    def say(self, text: str) -> None:
        self.transcript.append({"atMs": round((time.perf_counter() - self.start) * 1000, 3), "text": text})

    def timing(self, label: str, wall_s: float, notebook_seconds: float) -> None:
        self.timings.append(
            {"label": label, "wallMs": round(wall_s * 1000, 3), "idealMs": round(notebook_seconds * self.scale * 1000, 3)}
        )

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def emit(self, outcome: str) -> None:
        json.dump(
            {
                "schema": "asyncdemo.python/1",
                "scenario": self.scenario,
                "scale": self.scale,
                "python": sys.version.split()[0],
                "outcome": outcome,
                "timings": self.timings,
                "transcript": self.transcript,
            },
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
