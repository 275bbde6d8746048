"""Writing generated files (`schemalint.generate.output`, shared by every generator) and the
`generate docs` command around it: `--check`, ownership, atomic writes, refused directories."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from schemalint.cli import main
from schemalint.generate import output_lock
from schemalint.generate.output import (
    MANIFEST_NAME,
    OutputError,
    check_files,
    ensure_safe_out_dir,
    generated_notice,
    write_files,
)
from schemalint.generate.output_lock import directory_lock

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOTICE = f"<!-- {generated_notice('convex/schema.ts')} -->\n"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root`, relative name → bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def copy_fixture(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / name, tmp_path / name))


def generate(project: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["generate", "docs", str(project), "--out", str(out), *extra])
    return result.exit_code, result.stdout, result.stderr


# ----------------------------------------------------------------------------- write_files


def test_writes_files_and_records_them_in_the_manifest(tmp_path: Path) -> None:
    result = write_files(tmp_path / "out", {"b.md": NOTICE, "sub/a.md": NOTICE}, generator="docs")
    assert result.written == ("b.md", "sub/a.md")
    manifest = json.loads((tmp_path / "out" / MANIFEST_NAME).read_text())
    assert manifest["generators"] == {"docs": ["b.md", "sub/a.md"]}
    assert tree(tmp_path / "out")["sub/a.md"] == NOTICE.encode()


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    os.utime(tmp_path / "a.md", (1, 1))
    result = write_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    assert result.unchanged == ("a.md",) and result.written == ()
    assert (tmp_path / "a.md").stat().st_mtime == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_permissions_and_new_files_get_the_usual_ones(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        write_files(tmp_path, {"a.md": NOTICE + "1\n"}, generator="docs")
        (tmp_path / "a.md").chmod(0o604)
        write_files(tmp_path, {"a.md": NOTICE + "2\n", "sub/b.md": NOTICE}, generator="docs")
    finally:
        os.umask(umask)
    assert (tmp_path / "a.md").read_text() == NOTICE + "2\n"
    assert (tmp_path / "a.md").stat().st_mode & 0o7777 == 0o604
    assert (tmp_path / "sub" / "b.md").stat().st_mode & 0o7777 == 0o640
    assert (tmp_path / MANIFEST_NAME).stat().st_mode & 0o7777 == 0o640


def test_files_no_longer_generated_are_removed_but_only_if_owned(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("user file\n")
    write_files(tmp_path, {"a.md": NOTICE, "old.md": NOTICE}, generator="docs")
    result = write_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    assert result.removed == ("old.md",)
    assert sorted(tree(tmp_path)) == [MANIFEST_NAME, "a.md", "mine.txt"]


def test_an_unowned_file_in_the_way_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# my own notes\n")
    with pytest.raises(OutputError, match="was not written by schemalint"):
        write_files(tmp_path, {"a.md": NOTICE, "b.md": NOTICE}, generator="docs")
    assert tree(tmp_path) == {"a.md": b"# my own notes\n"}
    with pytest.raises(OutputError, match="was not written by schemalint"):
        check_files(tmp_path, {"a.md": NOTICE}, generator="docs")


def test_a_generated_file_without_manifest_is_adopted(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(NOTICE + "old\n")
    assert write_files(tmp_path, {"a.md": NOTICE}, generator="docs").written == ("a.md",)


def test_another_generators_files_are_left_alone(tmp_path: Path) -> None:
    write_files(tmp_path, {"py.typed": ""}, generator="python")
    with pytest.raises(OutputError, match="belongs to `schemalint generate python`"):
        write_files(tmp_path, {"py.typed": ""}, generator="docs")
    write_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert manifest["generators"] == {"docs": ["a.md"], "python": ["py.typed"]}


@pytest.mark.parametrize(
    "name", ["", "/abs.md", "../up.md", "a/../b.md", "a//b.md", "./a.md", "a\\b.md", MANIFEST_NAME]
)
def test_unsafe_names_are_refused_before_anything_is_written(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError, match="unsafe"):
        write_files(tmp_path / "out", {"ok.md": NOTICE, name: NOTICE}, generator="docs")
    assert not (tmp_path / "out").exists()


def test_names_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="differ only in case"):
        write_files(tmp_path, {"A.md": NOTICE, "a.md": NOTICE}, generator="docs")


def test_a_tampered_manifest_cannot_make_it_delete_outside_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "precious.txt").write_text("keep\n")
    (out / MANIFEST_NAME).write_text(json.dumps({"generators": {"docs": ["../precious.txt"]}}))
    with pytest.raises(OutputError, match="unsafe"):
        write_files(out, {"a.md": NOTICE}, generator="docs")
    assert (tmp_path / "precious.txt").read_text() == "keep\n"


def test_a_failed_rename_puts_the_previous_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    write_files(tmp_path, {"a.md": NOTICE + "1\n", "c.md": NOTICE + "1\n"}, generator="docs")
    before = tree(tmp_path)
    real_replace = os.replace
    calls: list[str] = []

    def flaky_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(str(dst))
        if len(calls) == 4:  # the manifest, a.md, b.md, then c.md fails
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_files(
            tmp_path,
            {"a.md": NOTICE + "2\n", "b.md": NOTICE + "2\n", "c.md": NOTICE + "2\n"},
            generator="docs",
        )
    monkeypatch.undo()
    after = tree(tmp_path)
    after.pop(MANIFEST_NAME)
    before.pop(MANIFEST_NAME)
    assert after == before  # a.md restored, b.md removed, no temp files left


def test_check_reports_a_diff_and_writes_nothing(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": NOTICE + "old\n", "gone.md": NOTICE}, generator="docs")
    before = tree(tmp_path)
    result = check_files(tmp_path, {"a.md": NOTICE + "new\n", "b.md": NOTICE}, generator="docs")
    assert result.exit_code == 1
    assert result.changed == ("a.md", "b.md", "gone.md")
    assert f"--- {tmp_path.as_posix()}/a.md\n" in result.diff
    assert "-old\n+new\n" in result.diff
    assert f"--- /dev/null\n+++ {tmp_path.as_posix()}/b.md\n" in result.diff
    assert "+++ /dev/null\n" in result.diff
    assert tree(tmp_path) == before


def test_check_of_up_to_date_files_is_clean(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    result = check_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    assert (result.exit_code, result.diff, result.up_to_date) == (0, "", True)


def test_the_functions_directory_and_its_ancestors_are_refused(tmp_path: Path) -> None:
    functions = tmp_path / "convex"
    functions.mkdir()
    schema = functions / "schema.ts"
    schema.write_text("")
    for bad in (functions, tmp_path, tmp_path / "convex" / ".." / "convex"):
        with pytest.raises(OutputError):
            ensure_safe_out_dir(bad, functions_dir=functions, schema_file=schema)
    ensure_safe_out_dir(tmp_path / "docs", functions_dir=functions, schema_file=schema)
    ensure_safe_out_dir(functions / "docs", functions_dir=functions, schema_file=schema)


# --------------------------------------------------------------------------- the CLI command


def test_check_exits_0_when_up_to_date_and_never_writes(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    assert generate(FIXTURES / "seed-002-community", out)[0] == 0
    before = tree(out)
    mtimes = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    code, stdout, stderr = generate(FIXTURES / "seed-002-community", out, "--check")
    assert (code, stdout) == (0, "")
    assert "up to date" in stderr
    assert tree(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == mtimes


def test_check_exits_1_with_a_diff_when_a_file_changed_and_never_writes(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    generate(FIXTURES / "seed-002-community", out)
    edited = (out / "users.md").read_text().replace("Community profile", "Edited profile")
    (out / "users.md").write_text(edited)
    before = tree(out)
    code, stdout, stderr = generate(FIXTURES / "seed-002-community", out, "--check")
    assert code == 1
    assert "-Edited profile for a Better Auth user.\n+Community profile for a Better Auth user.\n" in stdout
    assert "1 file(s) out of date" in stderr
    assert tree(out) == before


def test_check_of_a_missing_directory_does_not_create_it(tmp_path: Path) -> None:
    code, stdout, _ = generate(FIXTURES / "seed-002-community", tmp_path / "docs", "--check")
    assert code == 1
    assert "+++ " in stdout
    assert not (tmp_path / "docs").exists()


def test_unowned_files_in_the_directory_survive_regeneration(tmp_path: Path) -> None:
    project = copy_fixture("docs-edge-cases", tmp_path)
    out = tmp_path / "docs"
    out.mkdir()
    (out / "index.html").write_text("<p>mine</p>\n")
    (out / "notes").mkdir()
    (out / "notes" / "users.md").write_text("mine too\n")
    assert generate(project, out)[0] == 0
    schema = project / "convex" / "schema.ts"
    schema.write_text(schema.read_text().replace("blobs: defineTable(v.any()),", ""))
    code, _, stderr = generate(project, out)
    assert code == 0 and "1 removed" in stderr
    assert not (out / "blobs.md").exists()
    assert (out / "index.html").read_text() == "<p>mine</p>\n"
    assert (out / "notes" / "users.md").read_text() == "mine too\n"


def test_a_user_file_where_a_page_would_go_is_an_error_and_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "users.md").write_text("hand-written\n")
    code, _, stderr = generate(FIXTURES / "seed-002-community", out)
    assert code == 2
    assert "was not written by schemalint" in stderr
    assert tree(out) == {"users.md": b"hand-written\n"}


def test_a_failure_while_rendering_leaves_the_previous_files_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_fixture("seed-002-community", tmp_path)
    out = tmp_path / "docs"
    generate(project, out)
    before = tree(out)
    schema = project / "convex" / "schema.ts"
    schema.write_text(schema.read_text().replace("Community profile", "New profile"))

    from schemalint.generate import docs_model

    real_page = docs_model._Context.page
    rendered: list[str] = []

    def failing_page(self: docs_model._Context, table: object, findings: object) -> object:
        rendered.append("x")
        if len(rendered) == 5:
            raise RuntimeError("template exploded")
        return real_page(self, table, findings)  # type: ignore[arg-type]

    monkeypatch.setattr(docs_model._Context, "page", failing_page)
    code, _, stderr = generate(project, out)
    assert code == 2
    assert "internal error: RuntimeError: template exploded" in stderr
    assert tree(out) == before


def test_out_pointing_at_the_functions_directory_is_refused(tmp_path: Path) -> None:
    project = copy_fixture("seed-002-community", tmp_path)
    before = tree(project)
    for out in (project / "convex", project):
        code, _, stderr = generate(project, out)
        assert code == 2
        assert "choose a directory of its own" in stderr
        assert tree(project) == before


def test_a_symlinked_subdirectory_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError, match="symbolic link"):
        write_files(out, {"sub/a.md": NOTICE}, generator="docs")
    assert list(outside.iterdir()) == []


def test_a_symlink_where_a_generated_file_was_is_never_read_or_followed(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    assert generate(FIXTURES / "seed-002-community", out)[0] == 0
    secret = tmp_path / "secret.md"
    secret.write_text(NOTICE + "SECRET\n")  # looks generated: it would be adopted if read
    (out / "users.md").unlink()
    (out / "users.md").symlink_to(secret)
    for extra in (("--check",), ()):
        code, stdout, stderr = generate(FIXTURES / "seed-002-community", out, *extra)
        assert code == 2 and "users.md is a symbolic link" in stderr
        assert "SECRET" not in stdout + stderr
    assert secret.read_text() == NOTICE + "SECRET\n"
    assert (out / "users.md").is_symlink()


def test_a_symlinked_manifest_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps({"generators": {}}))
    (out / MANIFEST_NAME).symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolic link"):
        write_files(out, {"a.md": NOTICE}, generator="docs")
    with pytest.raises(OutputError, match="symbolic link"):
        check_files(out, {"a.md": NOTICE}, generator="docs")
    assert [p.name for p in out.iterdir()] == [MANIFEST_NAME]
    assert elsewhere.read_text() == json.dumps({"generators": {}})


@pytest.mark.parametrize("generator", ["docs", "python"])
def test_an_out_symlinked_to_the_functions_directory_or_the_project_is_refused(
    tmp_path: Path, generator: str
) -> None:
    project = copy_fixture("seed-002-community", tmp_path)
    before = tree(project)
    for target in (project / "convex", project):
        link = tmp_path / f"link-to-{target.name}"
        link.symlink_to(target, target_is_directory=True)
        for extra in ((), ("--check",)):
            result = CliRunner().invoke(main, ["generate", generator, str(project), "--out", str(link), *extra])
            assert result.exit_code == 2
            assert "choose a directory of its own" in result.stderr
    assert tree(project) == before


@pytest.mark.parametrize("problem", ["a file", "a broken link", "a link loop", "under a file", "under a broken link"])
def test_an_out_that_cannot_be_a_directory_is_an_error_not_a_crash(tmp_path: Path, problem: str) -> None:
    out = tmp_path / "out"
    if problem == "a file":
        out.write_text("mine\n")
    elif problem == "a broken link":
        out.symlink_to(tmp_path / "missing")
    elif problem == "a link loop":
        out.symlink_to(tmp_path / "loop")
        (tmp_path / "loop").symlink_to(out)
    elif problem == "under a file":
        (tmp_path / "file").write_text("mine\n")
        out = tmp_path / "file" / "out"
    else:
        (tmp_path / "link").symlink_to(tmp_path / "missing")
        out = tmp_path / "link" / "out"
    before = sorted(tmp_path.iterdir())
    for extra in ((), ("--check",)):
        code, _, stderr = generate(FIXTURES / "seed-002-community", out, *extra)
        assert code == 2, stderr
        assert stderr.startswith("error: ") and "internal error" not in stderr
    assert sorted(tmp_path.iterdir()) == before
    assert not (tmp_path / "missing").exists()


def test_an_os_error_while_writing_is_an_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_permission(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", no_permission)
    with pytest.raises(OutputError, match=r"cannot write to .*Permission denied"):
        write_files(tmp_path / "out", {"a.md": NOTICE}, generator="docs")


# ------------------------------------------------------------------ races and leftovers (#17)


def test_a_write_waits_for_the_run_holding_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = threading.Event()

    def write() -> None:
        write_files(out, {"a.md": NOTICE}, generator="docs")
        done.set()

    with directory_lock(out, exclusive=True):
        writer = threading.Thread(target=write)
        writer.start()
        assert not done.wait(0.3)  # blocked while the lock is held
        assert not (out / "a.md").exists()
    writer.join(10)
    assert done.is_set() and (out / "a.md").read_text() == NOTICE


def test_a_directory_held_too_long_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output_lock, "LOCK_TIMEOUT_SECONDS", 0.1)
    with directory_lock(tmp_path, exclusive=True), pytest.raises(OutputError, match="another"):
        write_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    assert tree(tmp_path) == {}


def test_concurrent_generators_never_lose_each_others_manifest_entries(tmp_path: Path) -> None:
    def run(generator: str, name: str) -> None:
        for round_ in range(15):
            write_files(tmp_path, {name: f"{NOTICE}{round_}\n"}, generator=generator)

    threads = [threading.Thread(target=run, args=(g, f"{g}.md")) for g in ("docs", "python:a", "python:b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    manifest = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert manifest["generators"] == {"docs": ["docs.md"], "python:a": ["python:a.md"], "python:b": ["python:b.md"]}


def test_temp_files_of_an_interrupted_run_are_reported_by_check_and_removed_by_the_next_write(
    tmp_path: Path,
) -> None:
    files = {"a.md": NOTICE, "sub/b.md": NOTICE}
    write_files(tmp_path, files, generator="docs")
    for leftover in (".a.md.k3j_x.schemalint-tmp", "sub/.b.md.q9.schemalint-tmp"):
        (tmp_path / leftover).write_text("half written")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / ".x.schemalint-tmp").write_text("not in a directory of ours")
    result = check_files(tmp_path, files, generator="docs")
    assert result.changed == (".a.md.k3j_x.schemalint-tmp", "sub/.b.md.q9.schemalint-tmp")
    assert f"Only in {tmp_path.as_posix()}: .a.md.k3j_x.schemalint-tmp (a temp file left by an interrupted run)" in result.diff
    written = write_files(tmp_path, files, generator="docs")
    assert written.written == () and sorted(tree(tmp_path)) == [
        MANIFEST_NAME, "a.md", "elsewhere/.x.schemalint-tmp", "sub/b.md"
    ]
    assert check_files(tmp_path, files, generator="docs").up_to_date


def test_a_generated_page_no_manifest_lists_is_out_of_date_and_removed(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.md": NOTICE, "old.md": NOTICE + "old\n"}, generator="docs")
    # A run that lost the manifest entry of old.md (the race #17 describes) left it behind.
    (tmp_path / MANIFEST_NAME).write_text(json.dumps({"generators": {"docs": ["a.md"]}}))
    (tmp_path / "notes.md").write_text("mine\n")
    result = check_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    assert result.changed == ("old.md",) and "-old" in result.diff
    assert write_files(tmp_path, {"a.md": NOTICE}, generator="docs").removed == ("old.md",)
    assert sorted(tree(tmp_path)) == [MANIFEST_NAME, "a.md", "notes.md"]


@pytest.mark.parametrize("where", [MANIFEST_NAME, "a.md"])
def test_a_fifo_in_the_directory_is_refused_without_hanging(tmp_path: Path, where: str) -> None:
    os.mkfifo(tmp_path / where)
    with pytest.raises(OutputError, match="regular file"):
        write_files(tmp_path, {"a.md": NOTICE}, generator="docs")
    with pytest.raises(OutputError, match="regular file"):
        check_files(tmp_path, {"a.md": NOTICE}, generator="docs")
