"""What an import did (or, with --dry-run, would do), counted for the final report."""

from collections import Counter
from dataclasses import dataclass, field

# Hebrew names of what is counted, in the report's order.
KINDS = {
    "author": "כותבים",
    "category": "קטגוריות",
    "tag": "תגיות",
    "post": "פוסטים",
    "page": "עמודים",
    "comment": "תגובות",
    "image": "תמונות",
    "redirect": "הפניות",
}


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)  # reason -> count
    notes: Counter = field(default_factory=Counter)  # things kept differently -> count
    shortcodes: Counter = field(default_factory=Counter)  # shortcode name -> count
    missing_media: list[str] = field(default_factory=list)

    def count(self, kind, outcome):
        """Record one `kind` row as "created", "updated" or "unchanged"."""
        getattr(self, outcome)[kind] += 1

    def save(self, kind, obj, values):
        """Set `values` on `obj` and save it when it is new or any value differs (so a
        second import of the same file writes nothing); count the outcome; return obj."""
        created, changed = obj.pk is None, False
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        if created or changed:
            obj.save()
        self.count(kind, "created" if created else "updated" if changed else "unchanged")
        return obj

    @property
    def changed(self):
        return sum(self.created.values()) + sum(self.updated.values())

    def lines(self):
        """The report as lines of text (Hebrew, numbers first)."""
        total_created, total_updated = sum(self.created.values()), sum(self.updated.values())
        lines = [f"{total_created} created, {total_updated} updated"]
        for kind, name in KINDS.items():
            numbers = (self.created[kind], self.updated[kind], self.unchanged[kind])
            if any(numbers):
                created, updated, unchanged = numbers
                lines.append(f"  {name}: {created} נוצרו, {updated} עודכנו, {unchanged} ללא שינוי")
        lines += [f"  דולגו: {n} – {reason}" for reason, n in sorted(self.skipped.items())]
        lines += [f"  לתשומת לב: {n} – {note}" for note, n in sorted(self.notes.items())]
        if self.shortcodes:
            names = ", ".join(f"[{name}] ×{n}" for name, n in self.shortcodes.most_common())
            lines.append(f"  קודים מקוצרים שנשארו כטקסט: {names}")
        if self.missing_media:
            lines.append(f"  {len(self.missing_media)} קובצי מדיה לא נמצאו (לא הורדו מהרשת):")
            lines += [f"    {url}" for url in self.missing_media[:20]]
            if len(self.missing_media) > 20:
                lines.append(f"    ועוד {len(self.missing_media) - 20}")
        return lines
