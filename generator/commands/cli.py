"""`pmo`: a thin command line over the library API."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__
from generator.commands.gate_check import gate_check
from generator.commands.kit_check import check_project
from generator.commands.new import new_project
from generator.commands.portfolio import portfolio
from generator.commands.problem_report import (
    FORMATS,
    github_annotation,
    print_problems,
    print_warnings,
)
from generator.commands.review import DEFAULT_WITHIN, review_standards
from generator.commands.serve import serve_site
from generator.commands.stopping import Stopped, stopped_by_signals
from generator.errors import PmoError, StandardsError
from generator.pipeline.build import build_handbook
from generator.pipeline.check import check_standards, review_warnings
from generator.pipeline.outputs import TARGETS
from generator.pipeline.redlines import diff_redlines
from generator.pipeline.release import diff_releases, rebuild_bundle, release_handbook
from generator.pipeline.versioned_site import build_versioned_site
from generator.pipeline.workspace import Workspace
from generator.release.records import read_records
from generator.shared.clock import today
from generator.shared.semver import is_semver
from generator.site.engines import ENGINES, chosen_engine

ENGINE_HELP = (
    "the program that builds the site: mkdocs (default: Material for MkDocs, the "
    "faster here) or zensical (its successor from the same team; the same pages, search, "
    "macros and theme overrides); default: PMO_SITE_ENGINE, else mkdocs")

EPILOG = """\
typical use:
  pmo validate                 check every standard; errors name file:line:column: field
  pmo build                    validate, then write site/, dist/word/, dist/project-kit/
  pmo serve                    preview the site on http://127.0.0.1:8000, rebuilding on change
  pmo review                   standards whose review date has passed or is near (CI gate)
  pmo diff 1.0.0 current --word review/
                               Word redlines of every policy and artefact changed since 1.0.0
  pmo gate check PROJECT --gate G2
                               is a project ready for its gate: evidence, requirements,
                               forecast tolerance breaches (exit 0 ready, 1 not)
  pmo portfolio projects/ --capacity capacity.yaml --out board/
                               the board's dashboard, workbook and board pack

environment:
  PMO_SITE_ENGINE=NAME         the site engine of build and serve when --engine is not
                               given: mkdocs (default) or zensical
  PMO_SITE_WORKERS=N           1 keeps the work on a large handbook (validation, the
                               site's pages) in one process; default: two processes
                               when there are two cores
  PMO_TODAY=YYYY-MM-DD         the day taken as today: for review dates (validate, review,
                               the site's overdue marks), a release's date and redlines
                               against `current` (default: the clock)
  PMO_LOCK_TIMEOUT=SECONDS     how long a build or release waits for another one running
                               in the same folder (default 1800)

exit codes: 0 success, 1 invalid standards or a refused command, 2 wrong usage.
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        with stopped_by_signals():
            result: int = args.handler(args)
        return result
    except StandardsError as err:
        writes = args.handler in (cmd_build, cmd_release, cmd_serve)
        print_problems(err.problems, getattr(args, "format", "text"), writes=writes,
                       warnings=getattr(args, "warnings", ()))
        if args.traceback:
            traceback.print_exc()
        return 1
    except PmoError as err:
        print(f"pmo: error: {err}", file=sys.stderr)
        if args.traceback:
            traceback.print_exc()
        return 1
    except KeyboardInterrupt:
        print("pmo: interrupted", file=sys.stderr)
        return 130
    except Stopped as stopped:
        print(f"pmo: stopped by {stopped.name}", file=sys.stderr)
        return 128 + stopped.signum


def version_argument(text: str) -> str:
    """An argparse type: a full version X.Y.Z, checked before any path is built from it."""
    if not is_semver(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a version: write MAJOR.MINOR.PATCH, "
                                         "e.g. 1.2.0")
    return text


def version_or_current(text: str) -> str:
    return text if text == "current" else version_argument(text)


def _workspace(args: argparse.Namespace) -> Workspace:
    return Workspace(Path(args.root).resolve())


def cmd_validate(args: argparse.Namespace) -> int:
    standards = Path(args.standards) if args.standards else _workspace(args).standards
    documents, problems = check_standards(standards)
    args.warnings = review_warnings(documents, today(), problems)
    if problems:
        raise StandardsError(problems)
    args.warnings += read_records(standards).warnings()
    if args.format == "json":
        print(json.dumps({"valid": True, "problems": [], "files": len(documents),
                          "warnings": [w.as_dict() for w in args.warnings]}, ensure_ascii=False))
    else:
        if args.format == "github":
            for warning in args.warnings:
                print(github_annotation(warning, "warning"))
        else:
            print_warnings(args.warnings)
        count = len(args.warnings)
        print(f"{len(documents)} files valid in {standards}"
              + (f"; {count} warning{'s' if count != 1 else ''}" if count else ""),
              file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    if args.versioned or args.release:
        if args.release:
            rebuild_bundle(_workspace(args), args.release)
        if args.versioned:
            build_versioned_site(_workspace(args))
        return 0
    targets = tuple(t for t in TARGETS if t in args.only.split(",")) if args.only else TARGETS
    unknown = set(args.only.split(",")) - set(TARGETS) if args.only else set()
    if unknown:
        raise PmoError(f"--only takes {', '.join(TARGETS)}; not {', '.join(sorted(unknown))}")
    build_handbook(_workspace(args), targets, engine=chosen_engine(args.engine))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    serve_site(_workspace(args), host="127.0.0.1", port=args.port,
               engine=chosen_engine(args.engine))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    release_handbook(_workspace(args), args.version)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    print(diff_releases(_workspace(args), args.old, args.new, output_format=args.format))
    if args.word:
        diff_redlines(_workspace(args), args.old, args.new, Path(args.word))
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    if args.within < 0:
        raise PmoError(f"--within takes a number of days, 0 or more; not {args.within}")
    return review_standards(_workspace(args), within=args.within, output_format=args.format)


def cmd_kit_check(args: argparse.Namespace) -> int:
    return check_project(
        Path(args.project_dir), _workspace(args), against=args.against, output_format=args.format
    )


def cmd_gate_check(args: argparse.Namespace) -> int:
    return gate_check(Path(args.project_dir), _workspace(args), gate=args.gate,
                      output_format=args.format)


def cmd_portfolio(args: argparse.Namespace) -> int:
    return portfolio([Path(d) for d in args.projects_dirs], _workspace(args), Path(args.out),
                     capacity_file=Path(args.capacity) if args.capacity else None,
                     output_format=args.format)


def cmd_new(args: argparse.Namespace) -> int:
    new_project(_workspace(args), output_dir=Path(args.output_dir))
    return 0


def _options(default: object) -> argparse.ArgumentParser:
    """--root and --traceback, accepted before and after the command."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--root",
        default=default if default is argparse.SUPPRESS else ".",
        metavar="DIR",
        help="the handbook repository (holds standards/, docs/, "
        "mkdocs.yml); default: the current folder",
    )
    options.add_argument(
        "--traceback",
        action="store_true",
        default=default,
        help="show the Python stack trace of an error",
    )
    return options


def _parser() -> argparse.ArgumentParser:
    common = _options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="pmo",
        description="Keep PMO standards as checked YAML and publish them as a "
        "handbook site, Word documents and a cookiecutter project kit.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_options(False)],
    )
    parser.add_argument("--version", action="version", version=f"pmo {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], summary: str, description: str = ""
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=description or summary,
            parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(handler=handler)
        return sub

    validate = command(
        "validate",
        cmd_validate,
        "check every standard and report all problems",
        "Check standards/ against the JSON Schemas, cross-references and version "
        "rules. Every problem is printed as file:line:column: field: message.\n"
        "Exit 0 when valid, 1 when any problem was found.",
    )
    validate.add_argument(
        "--standards", metavar="DIR", help="the standards folder (default: ROOT/standards)"
    )
    validate.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default, on stderr), json (on stdout, for CI systems) or github "
        "(workflow annotations on stdout: each problem shows on its line in a pull request)",
    )

    build = command(
        "build",
        cmd_build,
        "validate, then build the site, Word documents and kit",
        "Validate, then write site/, dist/word/, dist/project-kit/ and "
        "dist/project-kit-<version>.zip. Nothing is replaced unless every output "
        "was built.",
    )
    build.add_argument(
        "--versioned", action="store_true",
        help="build site/ as the versioned site instead: every release, rendered from its git "
        "tag, in <version>/ folders with a version selector, latest/ and versions.json")
    build.add_argument(
        "--release", metavar="VERSION", type=version_argument,
        help="rebuild the bundle dist/releases/VERSION/ of a past release from its git tag")
    build.add_argument(
        "--only",
        metavar="LIST",
        help=f"comma-separated outputs to build: {', '.join(TARGETS)} "
        "(the site includes the Word files and kit it offers)",
    )
    build.add_argument("--engine", choices=ENGINES, default=None, help=ENGINE_HELP)

    serve = command(
        "serve",
        cmd_serve,
        "preview the site locally, rebuilding on change",
        "Build the site and serve it on 127.0.0.1; rebuild when a standard or a page "
        "changes. A standard with an error shows the error here and the last good "
        "build stays up.",
    )
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    serve.add_argument("--engine", choices=ENGINES, default=None, help=ENGINE_HELP)

    release = command(
        "release",
        cmd_release,
        "release a new handbook version",
        "Validate, then write standards/releases/VERSION.json, a CHANGELOG.md "
        "section and the bundle dist/releases/VERSION/: site, Word zip, kit zip, "
        "handbook.json and, against the previous release's git tag, a redline "
        "redlines/<id>-<previous>-to-VERSION.docx for every changed policy and artefact "
        "and the approvers' review pack release-VERSION-review.docx.",
    )
    release.add_argument("version", metavar="VERSION", type=version_argument,
                         help="the new version, X.Y.Z")

    diff = command(
        "diff", cmd_diff, "show what changed between two releases",
        "Show what changed between two releases (or a release and the working tree). "
        "With --word, also write into DIR a Word redline <id>-OLD-to-NEW.docx of every "
        "changed policy and artefact (its new version with every change tracked and a "
        "comment on each changed requirement) and the review pack "
        "review-OLD-to-NEW.docx; the versions are read from their git tags.")
    diff.add_argument("old", metavar="OLD", type=version_argument, help="the older release, X.Y.Z")
    diff.add_argument("new", metavar="NEW", type=version_or_current,
                      help="the newer release, X.Y.Z, or 'current'")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--word", metavar="DIR",
                      help="write the Word redlines and the review pack into DIR")

    review = command(
        "review", cmd_review, "list standards whose review date has passed or is near",
        "List the standards whose review_by date has passed or falls within DAYS days, "
        "with their owner and the days overdue or left. Exit 1 when any is overdue (a CI "
        "gate), 0 otherwise. PMO_TODAY=YYYY-MM-DD sets the day taken as today.")
    review.add_argument("--within", type=int, default=DEFAULT_WITHIN, metavar="DAYS",
                        help=f"also list standards due within DAYS days (default "
                        f"{DEFAULT_WITHIN})")
    review.add_argument("--format", choices=("text", "json"), default="text")

    def kit_usage(_args: argparse.Namespace) -> int:
        kit.print_help()
        return 2

    kit = command("kit", kit_usage, "project kit commands")
    kit_commands = kit.add_subparsers(title="kit commands", metavar="COMMAND")
    check = kit_commands.add_parser(
        "check",
        parents=[common],
        help="tell a project what changed for it since its kit",
        description="Read PROJECT_DIR/.pmo-kit.json and list the standards, requirements and "
        "templates that changed since the project's kit version. Exit 0 when up to "
        "date, 1 when updates apply.",
    )
    check.set_defaults(handler=cmd_kit_check)
    check.add_argument("project_dir", metavar="PROJECT_DIR")
    check.add_argument(
        "--against",
        metavar="HANDBOOK_JSON_OR_VERSION",
        help="a handbook.json export or a release version (default: the current standards)",
    )
    check.add_argument("--format", choices=("text", "json"), default="text")

    def gate_usage(_args: argparse.Namespace) -> int:
        gate.print_help()
        return 2

    gate = command("gate", gate_usage, "stage-gate commands")
    gate_commands = gate.add_subparsers(title="gate commands", metavar="COMMAND")
    gate_check_parser = gate_commands.add_parser(
        "check",
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        help="is a project ready for a gate: evidence, requirements, forecast breaches",
        description="For the project's tier (PROJECT_DIR/.pmo-kit.json): each piece of "
        "evidence the gate needs and whether it is present and filled in (a Word document "
        "still holding kit placeholders or the PMO's guidance is not; a register with no rows "
        "is empty), the requirements due at the gate, and the tolerance breaches the latest "
        "status/<YYYY-MM>.yaml forecasts. A gate the tier merges into another is checked "
        "there.\nExit 0 when ready, 1 when not (missing or unfilled evidence, a forecast "
        "breach of the project's tolerance, or no readable status).",
    )
    gate_check_parser.set_defaults(handler=cmd_gate_check)
    gate_check_parser.add_argument("project_dir", metavar="PROJECT_DIR")
    gate_check_parser.add_argument(
        "--gate", metavar="G", help="the gate, e.g. G2 (default: the next gate the latest "
        "status file names)")
    gate_check_parser.add_argument("--format", choices=("text", "json"), default="text")

    board = command(
        "portfolio",
        cmd_portfolio,
        "the portfolio board's dashboard, workbook and board pack",
        "Read every project folder under PROJECTS_DIR (or PROJECTS_DIR itself when it is a "
        "project) and write into --out: index.html (a static dashboard that needs no network "
        "or script: RAG per dimension with the narrative, trend, next gate and readiness, "
        "tolerance breaches and the exceptions they call for, handbook drift, charts, and the "
        "prioritisation with its funding line), portfolio.xlsx (the same tables; weighted "
        "scores as formulas) and board-pack.docx (the house style).\nA folder that cannot be "
        "read is listed with its located problems and the others are still reported. Exit 0 "
        "when every folder was read, 1 when any problem was found.",
    )
    board.add_argument("projects_dirs", metavar="PROJECTS_DIR", nargs="+",
                       help="a folder of project folders, or one project folder")
    board.add_argument("--capacity", metavar="FILE",
                       help="the cycle's capacity (YAML: budget, and people-days per "
                       "constrained skill); without it the candidates are ranked and no "
                       "funding line is drawn")
    board.add_argument("--out", metavar="DIR", required=True,
                       help="where to write index.html, portfolio.xlsx and board-pack.docx")
    board.add_argument("--format", choices=("text", "json"), default="text",
                       help="text (default: a summary on stderr) or json (on stdout)")

    new = command("new", cmd_new, "start a project from the kit, asking each answer in turn")
    new.add_argument(
        "--output-dir",
        default=".",
        metavar="DIR",
        help="where to create the project folder (default: here)",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
