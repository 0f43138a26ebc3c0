"""Structured logs: one JSON object per line (DJANGO_LOG_FORMAT=json), for a collector
(journald, Loki, CloudWatch...) to index without parsing free text."""

import json
import logging
from datetime import UTC, datetime

# LogRecord's own attributes; anything else on a record came from `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # default=str: a request object or a path in `extra` becomes its text.
        return json.dumps(entry, ensure_ascii=False, default=str)
