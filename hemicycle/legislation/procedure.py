"""The rules of a stage graph, without Django: which moves are allowed, why a move is refused, which paths exist.

A workflow is given as its transitions, pairs of stage codes ``(source, target)``; stage names (in the reader's
language) are optional and only make the reasons readable.
"""

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass
class TransitionRefused(Exception):
    """A move the workflow does not allow, with the moves it does allow from there."""

    source: str
    target: str
    allowed: list[str]
    reason: str

    def __str__(self) -> str:
        return self.reason


def next_stages(transitions: Iterable[tuple[str, str]], source: str) -> list[str]:
    """The stage codes reachable from ``source`` in one move, in the order the transitions give them."""
    seen: list[str] = []
    for src, dst in transitions:
        if src == source and dst not in seen:
            seen.append(dst)
    return seen


def describe_refusal(source: str, target: str, allowed: list[str], names: Mapping[str, str] | None = None) -> str:
    """A plain sentence: "a bill that is registered cannot go to second reading; next possible: …"."""
    names = names or {}

    def name(code: str) -> str:
        return names.get(code, code.replace("_", " "))

    if not allowed:
        return f"a bill that is {name(source)} cannot move any further: {name(source)} is a final stage"
    nexts = ", ".join(name(code) for code in allowed)
    return f"a bill that is {name(source)} cannot go to {name(target)}; next possible: {nexts}"


def check_move(transitions: Iterable[tuple[str, str]], source: str, target: str,
               names: Mapping[str, str] | None = None) -> None:
    """Return if ``source → target`` is allowed; raise ``TransitionRefused`` with a reason otherwise."""
    transitions = list(transitions)
    if (source, target) in transitions:
        return
    allowed = next_stages(transitions, source)
    raise TransitionRefused(source, target, allowed, describe_refusal(source, target, allowed, names))


def find_path(transitions: Iterable[tuple[str, str]], start: str, goal: str) -> list[str] | None:
    """A shortest sequence of stage codes from ``start`` to ``goal`` (both included), or None."""
    transitions = list(transitions)
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        code = queue.popleft()
        if code == goal:
            path = [code]
            while previous[path[-1]] is not None:
                path.append(previous[path[-1]])
            return path[::-1]
        for nxt in next_stages(transitions, code):
            if nxt not in previous:
                previous[nxt] = code
                queue.append(nxt)
    return None
