"""``tacit completion bash|zsh``: a completion script written from the argparse parser itself.

The script lists, for each command path ("memory", "memory export", ...), the words that may
follow it; it is generated from the parser, so a new command or option completes at once.
"""

from __future__ import annotations

import argparse


def tree(parser: argparse.ArgumentParser, path: str = "") -> dict[str, list[str]]:
    """Command path -> the subcommands and options that may follow it."""
    words: list[str] = []
    found: dict[str, list[str]] = {}
    for action in parser._actions:  # argparse keeps no public view of its actions
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words.append(name)
                found.update(tree(sub, f"{path} {name}".strip()))
        elif action.option_strings:
            words.extend(o for o in action.option_strings if o.startswith("--") or
                         len(action.option_strings) == 1)
        elif action.choices:
            words.extend(str(c) for c in action.choices)
    found[path] = sorted(set(words))
    return found


def _cases(paths: dict[str, list[str]]) -> str:
    return "\n".join(f'        "{path}") words="{" ".join(words)}" ;;'
                     for path, words in sorted(paths.items(), key=lambda p: -len(p[0])))


def bash(parser: argparse.ArgumentParser) -> str:
    return f"""# tacit completion for bash: eval "$(tacit completion bash)"
_tacit() {{
    local cur path="" word words
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    for word in "${{COMP_WORDS[@]:1:COMP_CWORD-1}}"; do
        case "$word" in -*) ;; *) path="${{path:+$path }}$word" ;; esac
    done
    while :; do
        case "$path" in
{_cases(tree(parser))}
        *) case "$path" in *" "*) path="${{path% *}}" ;; *) path="" ;; esac; continue ;;
        esac
        break
    done
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -F _tacit tacit"""


def zsh(parser: argparse.ArgumentParser) -> str:
    return f"""#compdef tacit
# tacit completion for zsh: eval "$(tacit completion zsh)"
autoload -U +X bashcompinit && bashcompinit
{bash(parser)}"""


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    return bash(parser) if shell == "bash" else zsh(parser)
