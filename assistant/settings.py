"""Tacit's settings: one typed object, read from ``TACIT_*`` variables and an optional TOML file.

Precedence, highest first: values passed in code (the CLI's flags), environment variables
(``TACIT_DATA_DIR``, ``TACIT_CHAT__MODEL``, ...), the TOML file (``config.toml`` in the user's
config directory, or ``TACIT_CONFIG_FILE``), then the defaults below. This is the only module
that reads the environment.
"""

from __future__ import annotations

import difflib
import getpass
import json
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from agents.contract import MAX_REPLY_TOKENS, TurnSettings
from assistant.errors import SettingsError

ENV_PREFIX = "TACIT_"
BUNDLED_MODEL = "smollm2"
Backend = Literal["llamacpp", "litellm", "fake"]


def default_config_file() -> Path:
    """Where the optional settings file lives unless ``TACIT_CONFIG_FILE`` says otherwise."""
    return Path(platformdirs.user_config_dir("tacit")) / "config.toml"


class ModelSettings(BaseModel):
    """Which model plays a role, and how to run it."""

    model: str = Field(
        BUNDLED_MODEL,
        description="'smollm2' (the bundled GGUF), a path to any .gguf file, 'fake', or a "
        "LiteLLM model string such as 'ollama/llama3.2' or 'openai/gpt-4o-mini'.",
    )
    backend: Backend | None = Field(
        None, description="Force a backend; by default it follows from `model`."
    )
    api_base: str | None = Field(None, description="Endpoint for LiteLLM models.")
    api_key: SecretStr | None = Field(None, description="Key for LiteLLM models.")
    n_ctx: int = Field(8192, ge=256, description="Context window for GGUF models (tokens).")
    n_threads: int | None = Field(None, ge=1, description="CPU threads for GGUF models.")
    n_threads_batch: int | None = Field(
        None, ge=1, description="CPU threads for reading the prompt (default: as n_threads; "
        "more threads than free cores stall each other when the machine is busy).")
    n_gpu_layers: int = Field(0, description="Layers offloaded to a GPU (-1: all).")
    temperature: float = Field(0.2, ge=0.0, le=2.0)
    repeat_penalty: float = Field(
        1.15, ge=1.0, le=2.0, description="GGUF models: how strongly to avoid repeating "
        "recent tokens (1.0: not at all). Small models loop without it.")
    max_tokens: int = Field(MAX_REPLY_TOKENS, ge=1, description="Longest reply, in tokens.")
    timeout_s: float = Field(60.0, gt=0, description="Give up on a remote model after this.")
    retries: int = Field(
        2, ge=0, le=10, description="Remote models: tries again after a timeout, a dropped "
        "connection or a 429/5xx answer, waiting longer each time (0: never).")

    def resolved_backend(self) -> Backend:
        """The backend this model runs on: explicit, or inferred from the model string."""
        if self.backend:
            return self.backend
        if self.model == "fake":
            return "fake"
        if self.model == BUNDLED_MODEL or self.model.lower().endswith(".gguf"):
            return "llamacpp"
        return "litellm"


class SafetySettings(BaseModel):
    """Crisis help and personalized safety."""

    country: str = Field(
        "", description="Your country as a two-letter code (PT, GB, US, ...), for the "
        "emergency number and crisis lines Tacit gives in a crisis. Empty: the general "
        "lines and findahelpline.com, and Tacit asks once.",
        pattern=r"^([A-Za-z]{2})?$",
    )
    composed_crisis_reply: Literal["auto", "on", "off"] = Field(
        "auto", description="In a crisis, the words after the emergency numbers and lines are "
        "written by Tacit's code (a short acknowledgement and the next step) instead of by the "
        "chat model; so is the reply to a low mood said plainly, with nothing asked. auto: on "
        "for the bundled small model, off for any other.")

    def composes_for(self, model: str) -> bool:
        """Whether a crisis reply is composed by code for chat model ``model``."""
        return self.composed_crisis_reply == "on" or (
            self.composed_crisis_reply == "auto" and model == BUNDLED_MODEL)


class Settings(BaseSettings, TurnSettings):
    """Everything that can be configured. Nested values use ``__`` in variable names.

    A turn's budgets and asking (``context_budget``, ``ask_policy``, ...) are
    :class:`~agents.contract.TurnSettings`' fields, read here under the same names.
    """

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("tacit")),
        description="Everything a user owns: database, vectors, checkpoints.",
    )
    cache_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_cache_dir("tacit")),
        description="Files rebuilt when missing (the embedding model prepared for this CPU).",
    )
    user: str = Field(default_factory=getpass.getuser, description="Default user id.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite file tacit.db in data_dir."
    )
    chroma_path: Path | None = Field(None, description="Chroma directory; default data_dir/chroma.")
    chroma_url: str | None = Field(None, description="A Chroma server (http://host:port).")
    chat: ModelSettings = Field(default_factory=ModelSettings)
    extractor: ModelSettings | None = Field(None, description="Default: the chat model.")
    summarizer: ModelSettings | None = Field(None, description="Default: the chat model.")
    refiner: ModelSettings | None = Field(None, description="Default: the chat model.")
    simulated_user: ModelSettings | None = Field(None, description="Default: the chat model.")
    safety: SafetySettings = Field(default_factory=SafetySettings)
    theme: Literal["dark", "light"] = Field(
        "dark", description="The chat app's colours (Ctrl+T or the settings screen switch).")
    max_message_chars: int = Field(
        200_000, ge=1, description="Longest message accepted; longer ones are refused whole. "
        "A message longer than the model's share of the prompt is cut (its beginning and end "
        "kept) and the reply says which part the model read."
    )
    recall_tuning: dict[str, float] = Field(
        default_factory=dict, description="Overrides of recall's tuned numbers by name "
        "(defaults and what each means: data/recall_tuning.yaml), e.g. {\"session_beam\": 10}."
    )

    turn_tuning: dict[str, float] = Field(
        default_factory=dict, description="Overrides of a turn's other tuned numbers (asking, "
        "instructions, the reply) by name (defaults and what each means: "
        "data/turn_tuning.yaml), e.g. {\"assume_at\": 0.7}."
    )

    @field_validator("recall_tuning")
    @classmethod
    def _known_tuning(cls, value: dict[str, float]) -> dict[str, float]:
        from memory.tuning import RecallTuning

        RecallTuning.defaults().with_overrides(value)  # an unknown name or value is refused
        return value

    @field_validator("turn_tuning")
    @classmethod
    def _known_turn_tuning(cls, value: dict[str, float]) -> dict[str, float]:
        from agents.tuning import TurnTuning

        TurnTuning.defaults().with_overrides(value)  # an unknown name or value is refused
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, _config_file()))

    # Derived locations -------------------------------------------------------------------
    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tacit.db'}"

    @property
    def vector_path(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @property
    def checkpoint_path(self) -> Path:
        return self.data_dir / "checkpoints.sqlite"

    @property
    def turn(self) -> TurnSettings:
        """What every turn runs with (budgets, asking), as the turn graph takes it."""
        return TurnSettings.model_validate(
            {name: getattr(self, name) for name in TurnSettings.model_fields})

    def role(self, name: str) -> ModelSettings:
        """The model settings for a role; roles left unset share the chat model."""
        value = getattr(self, name)
        if value is None:
            return self.chat
        if not isinstance(value, ModelSettings):
            raise SettingsError(f"'{name}' is not a model role.")
        return value


def _config_file() -> Path:
    override = os.environ.get(f"{ENV_PREFIX}CONFIG_FILE")
    return Path(override).expanduser() if override else default_config_file()


def unknown_variables() -> list[tuple[str, str | None]]:
    """``TACIT_*`` variables that name no setting, each with the nearest setting's variable.

    The environment source skips such names without a word, so a typo or a setting's old
    name would otherwise change nothing while its owner believes it took effect.
    """
    def variables(model: type[BaseModel], prefix: str) -> set[str]:
        names = set()
        for name, info in model.model_fields.items():
            names.add(prefix + name.upper())
            kind = info.annotation
            for nested in (kind, *getattr(kind, "__args__", ())):
                if isinstance(nested, type) and issubclass(nested, BaseModel):
                    names |= variables(nested, f"{prefix}{name.upper()}__")
        return names

    known = variables(Settings, ENV_PREFIX) | {f"{ENV_PREFIX}CONFIG_FILE"}
    out = []
    for var in sorted(os.environ):
        upper = var.upper()
        if upper.startswith(ENV_PREFIX) and upper not in known:
            near = difflib.get_close_matches(upper, sorted(known), n=1, cutoff=0.6)
            out.append((var, near[0] if near else None))
    return out


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, turning a malformed file or value, or a variable that names no
    setting, into one clear error."""
    path = _config_file()
    unknown = unknown_variables()
    if unknown:
        named = "; ".join(f"{var} (did you mean {near}?)" if near else var
                          for var, near in unknown)
        raise SettingsError(
            f"These environment variables name no setting: {named}.",
            fix="Rename or unset them; `tacit config` lists every setting.",
        )
    try:
        return Settings(**overrides)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            f"The settings file {path} is not valid TOML ({exc}).",
            fix="Fix that line, or move the file away to use the defaults.",
        ) from exc
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"The settings file {path} is not UTF-8 text (byte {exc.start}).",
            fix="Save it as UTF-8, or move the file away to use the defaults.",
        ) from exc
    except RecursionError as exc:
        raise SettingsError(
            f"The settings file {path} nests its values too deeply to read.",
            fix="Fix the file, or move it away to use the defaults.",
        ) from exc
    except OSError as exc:
        raise SettingsError(
            f"The settings file {path} cannot be read ({exc.strerror or exc}).",
            fix="Check its permissions, or point TACIT_CONFIG_FILE elsewhere.",
        ) from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(
            f"Some settings are invalid ({problems}).",
            fix=f"Correct them in {path} or in the TACIT_* environment variables.",
        ) from exc


def save_settings(changes: dict[str, Any]) -> Path:
    """Keep ``changes`` in the settings file, so the next start reads them; return its path.

    ``changes`` maps a setting's dotted name ("retrieval_budget", "chat.model") to its new
    value; None takes the name out (a role's table: that role shares the chat model again).
    Every other value in the file stays. The file is written whole to a temporary file beside
    it and renamed over it, so a crash leaves the old file or the new one, never half of one;
    a file that cannot be read is left as it is, with an error saying why. Comments in it are
    not kept.
    """
    path = _config_file()
    try:
        data = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise SettingsError(
            f"The settings file {path} cannot be read ({exc}), so the change lasts for this "
            "run only; the file is left as it is.",
            fix="Fix the file, or move it away, and change the setting again.") from exc
    except OSError as exc:
        raise SettingsError(f"The settings file {path} cannot be read ({exc.strerror or exc}).",
                            fix="Check its permissions, or point TACIT_CONFIG_FILE elsewhere.",
                            ) from exc
    for name, value in changes.items():
        *tables, key = name.split(".")
        node = data
        for table in tables:
            node = node.setdefault(table, {})
            if not isinstance(node, dict):
                raise SettingsError(f"The settings file {path} has {table} as a value, not a "
                                    "table.", fix=f"Make [{table}] a table in it.")
        if value is None:
            node.pop(key, None)
        else:
            node[key] = value
    text = toml_text(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with temporary.open("w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        raise SettingsError(f"The settings file {path} cannot be written "
                            f"({exc.strerror or exc}); the change lasts for this run only.",
                            fix="Check the folder's permissions, or point TACIT_CONFIG_FILE "
                            "elsewhere.") from exc
    return path


def toml_text(data: dict[str, Any]) -> str:
    """``data`` (strings, numbers, booleans, lists of those, and tables) as TOML."""
    def key(name: str) -> str:
        return name if name and all(c.isalnum() or c in "_-" for c in name) else json.dumps(name)

    def value(item: Any) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, int | float):
            return repr(item)
        if isinstance(item, str):
            return json.dumps(item, ensure_ascii=False)  # JSON's escapes are TOML's too
        if isinstance(item, list):
            return "[" + ", ".join(value(i) for i in item) + "]"
        raise SettingsError(f"A setting's value {item!r} cannot be written to the file.")

    lines: list[str] = []

    def table(node: dict[str, Any], header: tuple[str, ...]) -> None:
        scalars = {k: v for k, v in node.items() if not isinstance(v, dict)}
        if header and (scalars or not any(isinstance(v, dict) for v in node.values())):
            lines.extend(["", "[" + ".".join(key(h) for h in header) + "]"])
        lines.extend(f"{key(k)} = {value(v)}" for k, v in scalars.items())
        for name, inner in node.items():
            if isinstance(inner, dict):
                table(inner, (*header, name))

    table(data, ())
    text = "\n".join(lines).lstrip("\n") + "\n"
    if tomllib.loads(text) != data:  # never write what would read back otherwise
        raise SettingsError("The settings could not be written faithfully.")
    return text


def describe(settings: Settings, overrides: dict[str, Any] | None = None) -> list[dict[str, str]]:
    """Every effective setting with the place its value came from, for ``tacit config``."""
    overrides = overrides or {}
    path = _config_file()
    try:
        from_file = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    except (OSError, ValueError, RecursionError):  # load_settings has said what is wrong
        from_file = {}
    env = {k.upper(): v for k, v in os.environ.items() if k.upper().startswith(ENV_PREFIX)}
    rows: list[dict[str, str]] = []

    def source(keys: tuple[str, ...]) -> str:
        if keys[0] in overrides:
            return "command line"
        var = ENV_PREFIX + "__".join(keys).upper()
        if var in env or (len(keys) > 1 and ENV_PREFIX + keys[0].upper() in env):
            return f"environment {var}"
        node: Any = from_file
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return "default"
            node = node[key]
        return f"file {path}"

    def walk(model: BaseModel, prefix: tuple[str, ...]) -> None:
        for name in type(model).model_fields:
            value = getattr(model, name)
            keys = (*prefix, name)
            if isinstance(value, BaseModel):
                walk(value, keys)
                continue
            shown = "********" if isinstance(value, SecretStr) else str(value)
            rows.append({"name": ".".join(keys), "value": shown, "source": source(keys)})

    walk(settings, ())
    rows.append({"name": "config_file", "value": str(path), "source": "TACIT_CONFIG_FILE"
                 if f"{ENV_PREFIX}CONFIG_FILE" in env else "default"})
    return rows
