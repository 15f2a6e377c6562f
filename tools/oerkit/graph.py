"""The prerequisite graph of modules: cycles and a teaching order that respects it."""

from __future__ import annotations


def find_cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle found by depth-first search, each once, as [a, b, ..., a]."""
    cycles: list[list[str]] = []
    seen_sets: set[frozenset] = set()
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, []):
            if nxt not in edges:
                continue
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                key = frozenset(cycle)
                if key not in seen_sets:
                    seen_sets.add(key)
                    cycles.append(cycle)
            elif state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if state.get(node) is None:
            visit(node)
    return cycles


def topological_order(edges: dict[str, list[str]], preferred: list[str]) -> list[str]:
    """Nodes so that each comes after its prerequisites, otherwise in `preferred` order.

    `edges[n]` lists the prerequisites of n. Nodes in a cycle are appended at the end.
    """
    rank = {n: i for i, n in enumerate(preferred)}
    nodes = sorted(edges, key=lambda n: (rank.get(n, len(rank)), n))
    done: list[str] = []
    placed: set[str] = set()
    remaining = list(nodes)
    while remaining:
        for n in remaining:
            if all(p in placed or p not in edges for p in edges[n]):
                done.append(n)
                placed.add(n)
                remaining.remove(n)
                break
        else:
            done += remaining
            break
    return done

