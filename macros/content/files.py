"""The files of each layer: which files a layer holds and the record type of each, the files
that do not belong (stray names, .yaml, editors' lock and backup files), and reading every file
of both layers as raw data, with every problem in reading them."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .. import records
from ..contentfiles import unreadable_reason
from ..errors import ContentMessage
from ..yamlsource import load_yaml_file
from .messages import validate_record
from .model import CheckedFile, FolderItems, RawLayers

# The national layer (content/national/): the law, the same for every council. Each file and the
# record type it holds; order is the order problems are reported in.
NATIONAL_FILES: dict[str, type[records.Record]] = {
    "national.yml": records.NationalLayer,
    "providers.yml": records.ProviderList,
    "disagreement-resolution.yml": records.Service,
    "route-finder.yml": records.RouteFinder,
    "time-limits.yml": records.TimeLimitList,
    "proposed-changes.yml": records.ProposedChanges,
    "appeal-guide.yml": records.AppealGuide,
    "accessibility.yml": records.AccessibilityFacts,
}
# A council's folder (content/councils/<name>/): only what is its own.
COUNCIL_FILES: dict[str, type[records.Record]] = {
    "site.yml": records.SiteSettings,
    # Its own providers, and its notes about national bodies (national_notes:).
    "providers.yml": records.CouncilProviderList,
    "roles.yml": records.RoleBindings,
}
# Files a council may add: its deliberate changes to national values, and its own questions and
# outcomes for the route finder.
COUNCIL_OPTIONAL_FILES: dict[str, type[records.Record]] = {
    "changes.yml": records.CouncilChanges,
    "route-finder.yml": records.FinderAdditions,
}
# Folders of records, one file each, named after the record's id, in either layer.
CONTENT_FOLDERS: dict[str, type[records.Record]] = {
    "routes": records.Route,
    "forms": records.RequestForm,
    "letters": records.Letter,
}

# The national layer used for a council folder outside content/councils/.
PROJECT_NATIONAL = Path(__file__).resolve().parents[2] / "content" / "national"


def national_folder_for(council: Path) -> Path:
    """The national layer a council folder is read with: content/national/ beside
    content/councils/<name>/, or the project's own for a council folder kept elsewhere."""
    beside = Path(council).parent.parent / "national"
    return beside if beside.is_dir() else PROJECT_NATIONAL


def display_folder(folder: Path) -> str:
    try:
        return str(folder.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(folder)


def is_editor_file(name: str) -> bool:
    """Lock, backup and swap files that editors leave beside the files they have open:
    '.#mediation.yml' (Emacs), '#mediation.yml#', 'mediation.yml~', '.mediation.yml.swp'."""
    return name.startswith((".", "#")) or name.endswith("~")


def yaml_files(folder: Path) -> list[Path]:
    """The content files in a folder, in name order, without editors' lock and backup files.
    Files ending .yaml are not read (wrong_extension_messages names each one)."""
    return sorted(p for p in folder.glob("*.yml") if not is_editor_file(p.name))


def stray_files(folder: Path, expected: dict, shown_folder: str) -> list[ContentMessage]:
    problems = []
    for stray in yaml_files(folder):
        if stray.name not in expected:
            close = difflib.get_close_matches(stray.name, expected, n=1)
            hint = f": did you mean {close[0]!r}?" if close else "."
            problems.append(
                ContentMessage(
                    f"{shown_folder}/{stray.name}",
                    1,
                    problem=(
                        f"unexpected content file{hint} Expected one of: {', '.join(expected)}"
                    ),
                )
            )
    return problems


def wrong_extension_messages(folder: Path, shown: str) -> list[ContentMessage]:
    """A content file ending .yaml is not read: one message each, naming its .yml twin if it
    has one (a copy that would otherwise be dropped without a word)."""
    messages = []
    for path in sorted(folder.glob("*.yaml")):
        if is_editor_file(path.name):
            continue
        twin = path.with_suffix(".yml")
        if twin.exists():
            problem = (
                f"both {twin.name} and {path.name} are here, and only {twin.name} is read: "
                "keep one of them, named .yml"
            )
        else:
            problem = f"content files end in .yml, so this one is not read: rename it {twin.name}"
        messages.append(ContentMessage(f"{shown}/{path.name}", 0, problem=problem))
    return messages


def misplaced_file_messages(
    national: Path, council: Path, shown_national: str, shown_council: str
) -> list[ContentMessage]:
    """Files at the top of either layer that are not read: stray names, and .yaml files."""
    return [
        *stray_files(national, NATIONAL_FILES, shown_national),
        *stray_files(council, {**COUNCIL_FILES, **COUNCIL_OPTIONAL_FILES}, shown_council),
        *wrong_extension_messages(national, shown_national),
        *wrong_extension_messages(council, shown_council),
    ]


@dataclass
class _LayerReader:
    """Reads the files of both layers, adding each reading problem to ``errors``."""

    national: Path
    council: Path
    shown_national: str
    shown_council: str
    errors: list[ContentMessage]

    def read(self, path: Path, display_name: str, in_council: bool, required: bool = True):
        """The raw data of one file, or None where it could not be read (or, not required,
        is not there)."""
        if not required and not path.exists() and not path.is_symlink():
            return None
        folder, shown_folder = (
            (self.council, self.shown_council)
            if in_council
            else (self.national, self.shown_national)
        )
        unreadable = unreadable_reason(path, folder, shown_folder)
        if unreadable is not None:
            self.errors.append(ContentMessage(display_name, 0, problem=unreadable))
            return None
        loaded = load_yaml_file(path, display_name)
        self.errors.extend(loaded.problems)
        return loaded.data

    def read_folder(self, subfolder: str) -> FolderItems:
        """Each file of one folder in both layers by id: the national layer's, then the
        council's (a council's route or form with a national one's id is refused here)."""
        national_items = {
            p.stem: (p, f"{self.shown_national}/{subfolder}/{p.name}")
            for p in yaml_files(self.national / subfolder)
        }
        items: FolderItems = {
            stem: (path, shown, self.read(path, shown, False))
            for stem, (path, shown) in national_items.items()
        }
        for layer, shown_layer in (
            (self.national, self.shown_national),
            (self.council, self.shown_council),
        ):
            wrong = wrong_extension_messages(layer / subfolder, f"{shown_layer}/{subfolder}")
            self.errors.extend(wrong)
            for message in wrong:
                # A file not read: the folder's ids are not all known (no "unknown id" errors).
                items.setdefault(Path(message.file).stem, (Path(message.file), message.file, None))
        for path in yaml_files(self.council / subfolder):
            shown = f"{self.shown_council}/{subfolder}/{path.name}"
            if path.stem in national_items:
                self.errors.append(
                    ContentMessage(
                        shown,
                        1,
                        problem=f"the national layer already has this {subfolder[:-1]} "
                        f"({national_items[path.stem][1]}): give yours another id (and file "
                        "name), or change the national one in changes.yml",
                    )
                )
                continue
            items[path.stem] = (path, shown, self.read(path, shown, True))
        return items


def read_layers(
    national: Path, council: Path, shown_national: str, shown_council: str, errors: list
) -> RawLayers:
    """Every file of both layers as raw data (None where it could not be read), adding each
    reading problem to ``errors``: the national files, the council's, and each folder's files
    by id."""
    reader = _LayerReader(national, council, shown_national, shown_council, errors)
    national_files = {
        n: reader.read(national / n, f"{shown_national}/{n}", False) for n in NATIONAL_FILES
    }
    council_files = {
        n: reader.read(council / n, f"{shown_council}/{n}", True) for n in COUNCIL_FILES
    }
    council_files |= {
        n: reader.read(council / n, f"{shown_council}/{n}", True, required=False)
        for n in COUNCIL_OPTIONAL_FILES
    }
    folders = {subfolder: reader.read_folder(subfolder) for subfolder in CONTENT_FOLDERS}
    return RawLayers(
        national, council, shown_national, shown_council, national_files, council_files, folders
    )


def check_file(path: Path, display_name: str) -> list[ContentMessage]:
    """Every problem in one content file on its own (no references to other files), for an
    editor's quick check and for the property-based tests."""
    in_national = (path.parent / "national.yml").is_file() or (
        path.parent.parent / "national.yml"
    ).is_file()
    layer = NATIONAL_FILES if in_national else {**COUNCIL_FILES, **COUNCIL_OPTIONAL_FILES}
    model = layer.get(path.name) or CONTENT_FOLDERS.get(path.parent.name)
    if model is None:
        return [ContentMessage(display_name, 0, problem="expected a content file")]
    problems: list[ContentMessage] = []
    _read_and_validate(path, display_name, model, problems)
    return problems


def _read_and_validate(
    path: Path, display_name: str, model: type[records.Record], errors: list[ContentMessage]
) -> CheckedFile | None:
    """Read one file and check it against its model, adding its problems to ``errors``.

    None when the file could not be read as YAML at all.
    """
    loaded = load_yaml_file(path, display_name)
    errors.extend(loaded.problems)
    if loaded.data is None:
        return None
    record, problems = validate_record(model, loaded.data, display_name)
    errors.extend(problems)
    return CheckedFile(display_name, model, loaded.data, record)
