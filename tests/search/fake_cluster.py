"""A small in-memory Elasticsearch 8 behind the real client, at the HTTP layer.

``FakeCluster.client(**options)`` gives a real ``elasticsearch.Elasticsearch`` whose node
answers from memory, so the engine's calls go through the real client (argument names,
paths, bulk helper, retries) and only the server is fake. It understands what the engine
sends: index create/get/delete (refusing wildcards, as ``action.destructive_requires_name``
does by default), aliases, refresh, ``_bulk`` (index and delete; a delete of a missing
document answers 404 per item), ``_delete_by_query`` (``terms`` filter and ``ids``
``must_not``) and ``_search`` (recorded, answered with every document of the index: only its
request is under test). Failures are injected with ``fail_next`` (a whole request) and
``reject_items`` (bulk items answered 429 or 400).
"""

import fnmatch
import json
from urllib.parse import parse_qs, urlsplit

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport._node._base import NodeApiResponse
from elasticsearch import Elasticsearch


class FakeCluster:
    def __init__(self):
        self.indices = {}  # name -> {id: source}
        self.aliases = {}  # alias -> set of index names
        self.requests = []  # (method, path, params, body)
        self.failures = []  # (method, path pattern, status or "down"), consumed in order
        self.rejected = {}  # document id -> (status, times left)
        self.request_timeouts = []

    # Failure injection.

    def fail_next(self, method, pattern, status):
        """The next request matching ``method`` and the path ``pattern`` (fnmatch) answers
        ``status`` (an HTTP status, or ``"down"`` for a refused connection)."""
        self.failures.append((method, pattern, status))

    def reject_items(self, ids, status=429, times=1):
        """Bulk items for these document ids answer ``status`` the next ``times`` times."""
        for document_id in ids:
            self.rejected[str(document_id)] = (status, times)

    # The client.

    def client(self, **options):
        cluster = self

        class Node(BaseNode):
            _CLIENT_META_HTTP_CLIENT = ("fake", "1")

            def perform_request(
                self, method, target, body=None, headers=None, request_timeout=None
            ):
                cluster.request_timeouts.append(request_timeout)
                status, payload = cluster.handle(method, target, body)
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    headers=HttpHeaders(
                        {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                    ),
                    duration=0.0,
                    node=self.config,
                )
                return NodeApiResponse(meta, json.dumps(payload).encode())

        options.setdefault("hosts", ["http://fake-es:9200"])
        return Elasticsearch(node_class=Node, **options)

    # The server.

    def resolve(self, name):
        """Index names for a name, an alias or a pattern."""
        if name in self.aliases:
            return sorted(self.aliases[name])
        return sorted(index for index in self.indices if fnmatch.fnmatch(index, name))

    def handle(self, method, target, body):
        url = urlsplit(target)
        path = url.path
        params = {key: values[-1] for key, values in parse_qs(url.query).items()}
        text = body.decode() if body else ""
        self.requests.append((method, path, params, text))
        for number, (fail_method, pattern, status) in enumerate(self.failures):
            if fail_method == method and fnmatch.fnmatch(path, pattern):
                del self.failures[number]
                if status == "down":
                    raise TransportConnectionError("Connection refused")
                return status, {
                    "error": {"type": "injected", "reason": "injected"},
                    "status": status,
                }
        parts = [part for part in path.split("/") if part]
        if method == "PUT" and len(parts) == 1:
            if parts[0] in self.indices:
                return 400, {"error": {"type": "resource_already_exists_exception"}}
            self.indices[parts[0]] = {}
            self.created_settings = json.loads(text) if text else {}
            return 200, {"acknowledged": True, "index": parts[0]}
        if method == "DELETE" and len(parts) == 1:
            if "*" in parts[0] or "," in parts[0] or parts[0] == "_all":
                return 400, {
                    "error": {
                        "type": "illegal_argument_exception",
                        "reason": "Wildcard expressions or all indices are not allowed",
                    }
                }
            if parts[0] not in self.indices:
                if params.get("ignore_unavailable") == "true":
                    return 200, {"acknowledged": True}
                return 404, {"error": {"type": "index_not_found_exception"}}
            del self.indices[parts[0]]
            for members in self.aliases.values():
                members.discard(parts[0])
            return 200, {"acknowledged": True}
        if method == "GET" and len(parts) == 2 and parts[0] == "_alias":
            members = self.aliases.get(parts[1])
            if not members:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {index: {"aliases": {parts[1]: {}}} for index in members}
        if method == "POST" and parts == ["_aliases"]:
            for action in json.loads(text)["actions"]:
                ((kind, spec),) = action.items()
                members = self.aliases.setdefault(spec["alias"], set())
                if kind == "add":
                    if spec["index"] not in self.indices:
                        return 404, {"error": {"type": "index_not_found_exception"}}
                    members.add(spec["index"])
                else:
                    members.discard(spec["index"])
            return 200, {"acknowledged": True}
        if method == "GET" and len(parts) == 1:
            found = self.resolve(parts[0])
            if not found and "*" not in parts[0]:
                return 404, {"error": {"type": "index_not_found_exception"}}
            return 200, {name: {"aliases": {}, "mappings": {}, "settings": {}} for name in found}
        if len(parts) == 2 and parts[1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if parts[-1] == "_bulk":
            if params.get("require_alias") == "true" and parts[0] not in self.aliases:
                return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
            return self.bulk(parts[0] if len(parts) == 2 else None, text)
        if parts[-1] == "_delete_by_query":
            return self.delete_by_query(parts[0], json.loads(text))
        if parts[-1] == "_search":
            return self.search(parts[0])
        return 400, {"error": {"type": "unsupported_by_fake", "reason": f"{method} {path}"}}

    def bulk(self, default_index, text):
        lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        items, errors = [], False
        position = 0
        while position < len(lines):
            ((action, meta),) = lines[position].items()
            position += 1
            source = None
            if action in ("index", "create"):
                source = lines[position]
                position += 1
            index_name = meta.get("_index", default_index)
            targets = self.resolve(index_name)
            document_id = str(meta["_id"])
            rejected = self.rejected.get(document_id)
            if rejected and rejected[1] > 0:
                self.rejected[document_id] = (rejected[0], rejected[1] - 1)
                items.append(
                    {
                        action: {
                            "_id": document_id,
                            "status": rejected[0],
                            "error": {"type": "injected"},
                        }
                    }
                )
                errors = True
                continue
            if len(targets) != 1:
                items.append(
                    {
                        action: {
                            "_id": document_id,
                            "status": 404,
                            "error": {"type": "index_not_found_exception"},
                        }
                    }
                )
                errors = True
                continue
            documents = self.indices[targets[0]]
            if action == "delete":
                if document_id in documents:
                    del documents[document_id]
                    items.append(
                        {"delete": {"_id": document_id, "status": 200, "result": "deleted"}}
                    )
                else:
                    items.append(
                        {"delete": {"_id": document_id, "status": 404, "result": "not_found"}}
                    )
                    errors = True
            else:
                documents[document_id] = source
                items.append({action: {"_id": document_id, "status": 201, "result": "created"}})
        return 200, {"took": 1, "errors": errors, "items": items}

    def delete_by_query(self, name, body):
        targets = self.resolve(name)
        if len(targets) != 1:
            return 404, {"error": {"type": "index_not_found_exception"}}
        query = body["query"]["bool"]
        (terms,) = [clause["terms"] for clause in query["filter"]]
        ((field, values),) = terms.items()
        kept = set()
        for clause in query.get("must_not", []):
            kept.update(clause["ids"]["values"])
        documents = self.indices[targets[0]]
        gone = [
            document_id
            for document_id, source in documents.items()
            if source.get(field) in values and document_id not in kept
        ]
        for document_id in gone:
            del documents[document_id]
        return 200, {"deleted": len(gone), "failures": []}

    def search(self, name):
        targets = self.resolve(name)
        hits = [
            {"_index": index, "_id": document_id, "_score": 1.0, "_source": source}
            for index in targets
            for document_id, source in self.indices[index].items()
        ]
        return 200, {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
            "aggregations": {},
        }

    def ids(self, name):
        """Document ids behind a name or alias."""
        (index,) = self.resolve(name)
        return set(self.indices[index])
