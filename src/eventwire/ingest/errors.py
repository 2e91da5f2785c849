"""The error every reader raises: it names the file (and line) and the problem."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: the message names the file (and line) and the problem."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
