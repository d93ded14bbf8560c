"""The desk in a browser (`nianbao serve`): a unit checks and submits its own file, the office watches the board.

Starlette (routing, forms, the test client) with Jinja2 templates, served by uvicorn: established, small,
pure Python, nothing fetched from the internet. Every page is rendered on the server; the one script (drag
and drop) is a convenience, not a requirement.

Access is by link (`toolkit.links`): the token in the path says whose page it is, a unit's or the office's,
and every route checks that what it shows or changes belongs to that holder. Forms that change anything
carry a token signed with the desk's secret and are refused without it, or when the browser says they came
from another site. An upload is refused unread past the size limit (`LimitBody`), its name from the browser
is only shown, never a path, and it is read and checked by the same code as `desk add`: a hostile file is a
finding. The desk's ledger is one SQLite connection, used under a lock; reading a file happens outside it.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from collections.abc import Mapping
from http import HTTPStatus
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from toolkit import links
from toolkit.desk import Desk, findings_of, result_of, submittable, where
from toolkit.errors import NianbaoError
from toolkit.findings import of_receipt
from toolkit.messages import text
from toolkit.roster import clean
from toolkit.spec import load as load_spec

from . import board, pages

HERE = Path(__file__).resolve().parent
MAX_UPLOAD = 20 << 20  # bytes of a file uploaded: a return is some tens of KB, a scanned one a few MB
FORM_OVERHEAD = 64 << 10  # a form's own fields and multipart headers, beside the file
PREVIEWS = 256  # checked files kept ready to show again
TABLES = ("table2", "table3", "table4")
BY_OFFICE = "网页（办公室链接）"  # who decided, in the ledger's decisions
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "referrer-policy": "same-origin",  # a link's token never leaves in a Referer (no-referrer would send Origin: null)
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


class Site:
    """One desk served: its ledger under a lock, the templates, the spec, recent checks."""

    def __init__(self, folder: Path, *, max_upload: int = MAX_UPLOAD, lang: str = "zh") -> None:
        self.desk = Desk(folder)
        self.lock = threading.Lock()
        self.secret = self.desk.ledger.meta()["secret"]
        self.max_upload, self.lang = max_upload, lang
        self.spec = load_spec()
        self.templates = Jinja2Templates(directory=HERE / "templates")
        self.templates.env.globals.update(t=lambda key, **params: text(key, lang, **params), lang=lang,
                                          who=lambda who: text("web.by_office", lang) if who == BY_OFFICE else who)
        self._previews: OrderedDict[int, Any] = OrderedDict()
        self._blank: Any = None
        self._warm()

    def _warm(self) -> None:
        """Load now what the first check needs (the reader and the checks, last year's reports, the templates),
        so that the first unit waits no longer than the others."""
        from toolkit import checker, read  # noqa: F401 — imported for their modules' set-up

        _ = self.desk.previous
        for name in self.templates.env.list_templates():
            self.templates.get_template(name)

    @property
    def limit(self) -> str:
        """The upload limit as a clerk reads it: 20 MB, 512 KB."""
        n = self.max_upload
        return f"{n / 2**20:g} MB" if n >= 2**20 else f"{n // 2**10} KB"

    def page(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return self.templates.TemplateResponse(request, name, {"desk": self.desk, "cover": self.spec.cover, **context},
                                               status_code=status_code)

    def refusal(self, request: Request, status: int, detail: str) -> HTMLResponse:
        """An error page, with the way back to the page of the link in its path when that link works."""
        parts = request.url.path.split("/")
        token = parts[2] if len(parts) > 2 and parts[1] == "k" else ""
        with self.lock:
            holder = self.desk.holder(token) if token else None
        back = None if holder is None else text("web.board.title" if holder == links.OFFICE else "web.back_home",
                                                self.lang)
        return self.page(request, "error.html", status_code=status, status=status, detail=detail,
                         home=f"/k/{token}", back=back)

    def who(self, request: Request) -> str:
        """The holder of the link in the path (a unit's code, or "*"): 403 for a token that works for nobody."""
        token = request.path_params["token"]
        with self.lock:
            holder = self.desk.holder(token)
        if holder is None:
            raise HTTPException(403, text("web.no_access", self.lang))
        return holder

    def unit_of(self, request: Request) -> str:
        """The unit of a unit's link; 403 for the office's (it has its own pages) or nobody's."""
        holder = self.who(request)
        if holder == links.OFFICE:
            raise HTTPException(403, text("web.unit_only", self.lang))
        return holder

    def office(self, request: Request) -> None:
        if self.who(request) != links.OFFICE:
            raise HTTPException(403, text("web.office_only", self.lang))

    async def checked_form(self, request: Request) -> Any:
        """The form of a request that changes something: 403 unless it carries the link's form token and,
        when the browser says where it came from, came from this site."""
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.url.netloc:
            raise HTTPException(403, text("web.bad_form", self.lang))
        form = await request.form(max_files=1, max_fields=8, max_part_size=64 << 10)
        given = form.get("csrf")
        if not isinstance(given, str) or not links.form_token_ok(self.secret, request.path_params["token"], given):
            raise HTTPException(403, text("web.bad_form", self.lang))
        return form

    def preview(self, number: int) -> Any:
        with self.lock:
            if number in self._previews:
                self.desk.draft_file(self.desk.draft(number))  # cleared away since (`Desk.keep_draft`): said
                self._previews.move_to_end(number)
                return self._previews[number]
            path = self.desk.draft_file(self.desk.draft(number))
            data = path.read_bytes()  # under the lock: a draft cleared away meanwhile is said, not a 500
        made = self.desk.preview(number, data)
        with self.lock:
            self._previews[number] = made
            while len(self._previews) > PREVIEWS:
                self._previews.popitem(last=False)
        return made

    def blank(self, code: str) -> bytes:
        from toolkit.generate import Blank

        if self._blank is None:
            self._blank = Blank(self.spec, self.desk.year, personalised=True)
        return bytes(self._blank.render(self.desk.unit(code)))


# ---------------------------------------------------------------- pages


def create_app(folder: Path, *, max_upload: int = MAX_UPLOAD, lang: str = "zh") -> ASGIApp:
    """The web application of the desk in `folder`."""
    site = Site(folder, max_upload=max_upload, lang=lang)

    async def index(request: Request) -> Response:
        return site.page(request, "index.html")

    async def home(request: Request) -> Response:
        if site.who(request) == links.OFFICE:
            return await run_in_threadpool(_board, site, request)
        return await run_in_threadpool(_unit_page, site, request, site.unit_of(request))

    async def blank(request: Request) -> Response:
        code = site.unit_of(request)
        data = await run_in_threadpool(site.blank, code)
        from toolkit.generate import file_name

        return _download(data, file_name(site.desk.year, site.desk.unit(code)), XLSX)

    async def check(request: Request) -> Response:
        code = site.unit_of(request)
        form = await site.checked_form(request)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return RedirectResponse(f"/k/{request.path_params['token']}#upload", 303)
        data = await upload.read(site.max_upload + 1)
        if len(data) > site.max_upload:
            raise HTTPException(413, text("web.too_large", site.lang, size=site.limit))
        name = clean(PurePath(upload.filename.replace("\\", "/")).name)[:200] or "upload"
        number = await run_in_threadpool(_check, site, code, name, data)
        return RedirectResponse(f"/k/{request.path_params['token']}/draft/{number}", 303)

    async def draft(request: Request) -> Response:
        code = site.unit_of(request)
        number = request.path_params["number"]
        found = _draft_of(site, number, code)
        if found.submission is not None:  # submitted: its receipt says the rest
            return RedirectResponse(f"/k/{request.path_params['token']}/receipt/{found.submission}", 303)
        preview = await run_in_threadpool(site.preview, number)
        r = preview.receipt
        other = (preview.result.unit or {}) if r.kind == "return" and r.unit is None and preview.result else None
        shown = [f for f in r.findings if not of_receipt(f)]  # the headline says what the desk would
        kind = r.kind if other is None else None  # another unit's file: no "nothing found" under "not yours"
        same = next((f.text(site.lang) for f in r.findings if f.code == "DUPLICATE"), None)  # as which receipt
        return site.page(request, "draft.html", **_context(site, request), draft=found, preview=preview, other=other,
                         submittable=submittable(preview, code), same=same,
                         **_verdict(site, shown, preview.document, kind))

    async def draft_feedback(request: Request) -> Response:
        code = site.unit_of(request)
        found = _draft_of(site, request.path_params["number"], code)
        made = await run_in_threadpool(_feedback_of_receipt, site, found.submission) if found.submission else \
            await run_in_threadpool(_feedback_of_draft, site, found.id)
        if made is None:
            raise HTTPException(404, text("web.no_feedback", site.lang))
        return _download(*made, XLSX)

    async def submit(request: Request) -> Response:
        code = site.unit_of(request)
        await site.checked_form(request)
        number = request.path_params["number"]
        _draft_of(site, number, code)
        receipt = await run_in_threadpool(_submit, site, number)
        return RedirectResponse(f"/k/{request.path_params['token']}/receipt/{receipt}", 303)

    async def receipt(request: Request) -> Response:
        holder = site.who(request)
        found = _receipt_of(site, request.path_params["number"], holder)
        with site.lock:
            doc = site.desk.document(found)
            state = site.desk.state()
            unit = site.desk.unit(found.unit) if found.unit else None
        shown = [f for f in findings_of(found) if not (f.code == "UNCLAIMED" and found.unit)]  # settled since
        return site.page(request, "receipt.html", **_context(site, request), receipt=found, unit=unit,
                         where=where(found.origin), current=state.current(found.unit) if found.unit else None,
                         rejected=state.rejected.get(found.id), **_verdict(site, shown, doc, found.kind))

    async def receipt_file(request: Request) -> Response:
        found = _receipt_of(site, request.path_params["number"], site.who(request))
        data = site.desk.ledger.store.path(found.sha256).read_bytes()
        return _download(data, f"收件{found.id}_{found.name}", "application/octet-stream")

    async def receipt_feedback(request: Request) -> Response:
        found = _receipt_of(site, request.path_params["number"], site.who(request))
        made = await run_in_threadpool(_feedback_of_receipt, site, found.id)
        if made is None:
            raise HTTPException(404, text("web.no_feedback", site.lang))
        return _download(*made, XLSX)

    async def office_unit(request: Request) -> Response:
        site.office(request)
        return await run_in_threadpool(_office_unit, site, request)

    async def decide(request: Request) -> Response:
        site.office(request)
        form = await site.checked_form(request)
        back = await run_in_threadpool(_decide, site, request.path_params["action"], form)
        return RedirectResponse(f"/k/{request.path_params['token']}{back}", 303)

    async def download(request: Request) -> Response:
        site.office(request)
        what = request.path_params["what"]
        if what not in board.DOWNLOADS:
            raise HTTPException(404)
        data, name, kind = await run_in_threadpool(board.DOWNLOADS[what], site)
        return _download(data, name, kind)

    routes = [
        Route("/", index),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Route("/k/{token}", home),
        Route("/k/{token}/blank", blank),
        Route("/k/{token}/check", check, methods=["POST"]),
        Route("/k/{token}/draft/{number:int}", draft),
        Route("/k/{token}/draft/{number:int}/feedback", draft_feedback),
        Route("/k/{token}/draft/{number:int}/submit", submit, methods=["POST"]),
        Route("/k/{token}/receipt/{number:int}", receipt),
        Route("/k/{token}/receipt/{number:int}/file", receipt_file),
        Route("/k/{token}/receipt/{number:int}/feedback", receipt_feedback),
        Route("/k/{token}/unit/{code}", office_unit),
        Route("/k/{token}/decide/{action}", decide, methods=["POST"]),
        Route("/k/{token}/download/{what}", download),
    ]

    async def refused(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 400
        detail = exc.message(site.lang) if isinstance(exc, NianbaoError) else str(getattr(exc, "detail", ""))
        if detail == HTTPStatus(status).phrase:  # the framework's own words (404, 405): ours instead
            detail = text("web.not_found" if status == 404 else "web.wrong_method", site.lang)
        return site.refusal(request, status, detail)

    async def failed(request: Request, _: Exception) -> Response:
        return site.refusal(request, 500, text("web.failed", site.lang))

    app = Starlette(routes=routes, exception_handlers={HTTPException: refused, NianbaoError: refused,
                                                       Exception: failed})
    return LimitBody(SecurityHeaders(app), max_upload + FORM_OVERHEAD, site)


# ---------------------------------------------------------------- the work behind the pages


def _context(site: Site, request: Request) -> dict[str, Any]:
    token = request.path_params["token"]
    return {"base": f"/k/{token}", "csrf": links.form_token(site.secret, token)}


def _unit_page(site: Site, request: Request, code: str) -> Response:
    with site.lock:
        unit = site.desk.unit(code)
        status = next(u for u in site.desk.status().units if u.code == code)
    return site.page(request, "unit.html", **_context(site, request), unit=unit, status=status,
                     limit=site.limit)


def _board(site: Site, request: Request) -> Response:
    with site.lock:
        shown = board.Board.of(site.desk, request.query_params)
    return site.page(request, "board.html", **_context(site, request), board=shown)


def _office_unit(site: Site, request: Request) -> Response:
    with site.lock:
        history = board.History.of(site.desk, request.path_params["code"])
    return site.page(request, "office_unit.html", **_context(site, request), history=history,
                     **_verdict(site, history.findings, history.document, "return"))


def _check(site: Site, code: str, name: str, data: bytes) -> int:
    with site.lock:
        number = site.desk.keep_draft(site.desk.unit(code), name, data)
    site.preview(number)  # read now, so that the page after the redirect shows at once
    return number


def _submit(site: Site, number: int) -> int:
    with site.lock:
        got = site.desk.submit(number)
    assert got.number is not None
    return got.number


def _decide(site: Site, action: str, form: Mapping[str, Any]) -> str:
    """Accept, reject or assign as on the command line; where to go back to."""
    def number(key: str) -> int:
        value = str(form.get(key) or "")
        if not value.isdigit():
            raise HTTPException(400, text("web.bad_number", site.lang))
        return int(value)

    if action == "reject" and not str(form.get("reason") or "").strip():
        raise HTTPException(400, text("web.reason_needed", site.lang))
    with site.lock:
        if action == "accept":
            chosen = site.desk.accept(str(form.get("unit") or ""), number("receipt"), who=BY_OFFICE)
        elif action == "reject":
            chosen = site.desk.reject(number("receipt"), reason=str(form.get("reason") or ""), who=BY_OFFICE)
        elif action == "assign":
            chosen = site.desk.assign(number("receipt"), str(form.get("unit") or ""), who=BY_OFFICE)
        else:
            raise HTTPException(404)
    return f"/unit/{quote(chosen.unit)}" if chosen.unit else ""


def _draft_of(site: Site, number: int, code: str) -> Any:
    with site.lock:
        found = site.desk.ledger.draft(number)
    if found is None or found.unit != code:  # another unit's draft is as good as none
        raise HTTPException(404, text("web.not_found", site.lang))
    return found


def _receipt_of(site: Site, number: int, holder: str) -> Any:
    with site.lock:
        found = site.desk.ledger.submission(number)
    if found is None or holder not in (links.OFFICE, found.unit):
        raise HTTPException(404, text("web.not_found", site.lang))
    return found


def _verdict(site: Site, found: Any, doc: Mapping[str, Any] | None, kind: str | None) -> dict[str, Any]:
    """The findings as lines and the tables drawn; `checked`: a return was read, so no finding means none."""
    return {"lines": pages.lines(site.spec, found, site.lang), "checked": kind == "return" and doc is not None,
            "tables": pages.tables(site.spec, doc, found, TABLES, site.lang) if doc else []}


def _feedback_of_draft(site: Site, number: int) -> tuple[bytes, str] | None:
    preview = site.preview(number)
    with site.lock:
        found = site.desk.draft(number)
    if preview.document is None or preview.receipt.unit is None:  # unreadable, or another unit's: nothing to mark
        return None
    return _feedback(preview.result, preview.document, site.desk.ledger.drafts.path(found.sha256), None, site)


def _feedback_of_receipt(site: Site, number: int) -> tuple[bytes, str] | None:
    with site.lock:
        s = site.desk.receipt(number)
        doc = site.desk.document(s)
    return _feedback(result_of(s, doc), doc, site.desk.ledger.store.path(s.sha256), s.version, site)


def _feedback(result: Any, doc: Any, original: Path, version: int | None, site: Site) -> tuple[bytes, str] | None:
    from toolkit import feedback

    if result is None or not feedback.needed(result):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        made = feedback.write(result, doc, Path(tmp), lang=site.lang, submission=version, original=original,
                              year=site.desk.year)
        return (made.path.read_bytes(), made.path.name) if made is not None else None


def _download(data: bytes, name: str, kind: str) -> Response:
    fallback = "".join(ch if (ch.isascii() and ch.isalnum()) or ch in "._-" else "_" for ch in name) or "download"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=kind, headers={"content-disposition": disposition})


# ---------------------------------------------------------------- the layers around the application


class SecurityHeaders:
    """What every response says to the browser: no framing, no sniffing, no referrer, no caching."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]
            await send(message)

        await self.app(scope, receive, sending if scope["type"] == "http" else send)


class LimitBody:
    """Refuse a request whose body is over `limit` bytes: by its Content-Length before a byte is read, and,
    for a body sent in chunks, as soon as the count passes the limit."""

    def __init__(self, app: ASGIApp, limit: int, site: Site) -> None:
        self.app, self.limit, self.site = app, limit, site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:  # a body sent in chunks, with no length said: refused where the form is read
                raise HTTPException(413, self._said())
            return message

        await self.app(scope, counted, send)

    def _said(self) -> str:
        return text("web.too_large", self.site.lang, size=self.site.limit)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = self.site.refusal(Request(scope), 413, self._said())
        response.headers.update({"connection": "close", **SECURITY_HEADERS})
        await response(scope, receive, send)

