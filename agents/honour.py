"""The hard-preference repairs now live with the other refiners (``agents.refiners.honour``);
this name stays so existing imports keep working."""

from agents.refiners.honour import (
    ENFORCED,
    Honoured,
    avoid_foods,
    convert_units,
    drop_suggesting,
    honour,
    keep_time_of_day,
    unit_system_used,
)

__all__ = ["ENFORCED", "Honoured", "avoid_foods", "convert_units", "drop_suggesting", "honour",
           "keep_time_of_day", "unit_system_used"]
