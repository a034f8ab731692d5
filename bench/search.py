"""Search benchmark: p50/p95 of text + 3 facets + 20 hits, at 5,000 and 50,000 services.

    python bench/search.py [--sizes 5000 50000] [--runs 300]

Creates a dedicated PostgreSQL database (from ``BENCH_DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/postgres``; ``BENCH_DATABASE_URL=sqlite://`` measures
SQLite, the demo's database, in a temporary file), migrates only the search tables, indexes
synthetic service documents through the engine's own indexing code, measures, and drops the
database. Prints ``SELECT 1`` measured in the same run for scale. The Elasticsearch engine is
measured too when ``ELASTICSEARCH_URL`` is set (on a throw-away alias).
Targets for the database engine on PostgreSQL: p95 <= 10 ms at 5k, <= 30 ms at 50k.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

WORDS = (
    "assistenza domiciliare badante anziani pasti spesa farmaci baby sitter doposcuola "
    "educatore disabilità trasporto accompagnamento lavanderia stiratrice colf pulizie "
    "fisioterapia infermiere compagnia lettura musica teatro sport piscina giardinaggio "
    "riparazioni idraulico elettricista pratiche consulenza psicologo mediazione lingua "
    "italiano corso famiglie bambini ragazzi caregiver notte weekend emergenza quartiere"
).split()
# Ordinary words of descriptions: 2,000 pseudo-words, so domain words stay selective.
FILLER = [
    a + b + c
    for a in "bcdfglmnprstvz"
    for b in ("a", "e", "i", "o", "u", "ia", "io")
    for c in (
        "lo",
        "na",
        "ro",
        "te",
        "sco",
        "mente",
        "zione",
        "tore",
        "ria",
        "ssa",
        "nte",
        "ggio",
        "vo",
        "ce",
        "de",
        "pe",
        "gna",
        "lla",
        "tto",
        "mma",
        "lia",
    )
]
QUERY_WORDS = ["assistenza", "badante", "pasti", "educatore", "fisioterapia", "compagnia"]


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def create_database(base_url):
    name = f"wemi_search_bench_{os.getpid()}"
    if base_url.startswith("sqlite"):
        path = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
        return str(path), f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base_url)
    return name, urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(base_url, name):
    if base_url.startswith("sqlite"):
        Path(name).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def synthetic_documents(count, seed=1):
    from search.documents import ServiceDocument, ZoneTree, expand_zones

    rng = random.Random(seed)
    municipi = [f"municipio-{number}" for number in range(1, 10)]
    parent_of = {municipio: None for municipio in municipi}
    for number in range(88):
        parent_of[f"quartiere-{number}"] = municipi[number % 9]
    tree = ZoneTree(parent_of=parent_of)
    zones = sorted(parent_of)
    needs = {f"need-{number}": f"category-{number % 8}" for number in range(32)}
    audiences = [f"audience-{number}" for number in range(6)]
    providers = [f"provider-{number}" for number in range(200)]
    documents = []
    for number in range(count):
        chosen_needs = rng.sample(sorted(needs), rng.randint(1, 2))
        whole_city = rng.random() < 0.2
        served = [] if whole_city else rng.sample(zones, rng.randint(1, 3))
        price = None if rng.random() < 0.25 else rng.choice([0, 8, 12.5, 18, 25, 30, 45])
        title_words = rng.sample(WORDS, 3)
        documents.append(
            ServiceDocument(
                page_id=number + 1,
                translation_key=str(uuid.UUID(int=rng.getrandbits(128))),
                language="it",
                title=" ".join(title_words).capitalize(),
                summary=" ".join(rng.choices(WORDS, k=2) + rng.choices(FILLER, k=18)),
                body=" ".join(rng.choices(WORDS, k=4) + rng.choices(FILLER, k=76)),
                url=f"/it/servizi/{number}/",
                provider=rng.choice(providers),
                provider_title="Cooperativa sociale",
                categories=sorted({needs[need] for need in chosen_needs}),
                needs=sorted(chosen_needs),
                zones=sorted(served),
                serves_whole_city=whole_city,
                zone_terms=expand_zones(served, whole_city, tree),
                audiences=rng.sample(audiences, rng.randint(1, 2)),
                languages=rng.sample(["it", "en", "ar", "zh", "es"], rng.randint(1, 2)),
                modes=rng.sample(["home", "provider", "online"], rng.randint(1, 2)),
                sharable=rng.random() < 0.3,
                price_from=None if price is None else Decimal(str(price)),
                price_unit="hour",
            )
        )
    return documents, zones, audiences


def queries(count, zones, audiences, seed=2):
    from search.query import SearchQuery

    rng = random.Random(seed)
    for _number in range(count):
        yield SearchQuery(
            language="it",
            text=rng.choice(QUERY_WORDS),
            filters={
                "zone": (rng.choice(zones),),
                "category": (f"category-{rng.randrange(8)}",),
                "audience": (rng.choice(audiences),),
            },
            per_page=20,
        )


def timed(function, runs):
    samples = []
    for _run in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label, samples):
    print(
        f"  {label:<42} p50 {statistics.median(samples):7.2f} ms"
        f"   p95 {percentile(samples, 0.95):7.2f} ms   (n={len(samples)})"
    )


def measure(engine, size, runs, zones, audiences, bands):
    from django.db import connection

    all_queries = list(queries(runs + 20, zones, audiences))
    for query in all_queries[:20]:  # warm caches and connections
        engine.search(query, bands)
    iterator = iter(all_queries[20:])
    hits = []

    def one_search():
        result = engine.search(next(iterator), bands)
        hits.append(len(result.hits))

    search_samples = timed(one_search, runs)

    def select_one():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    report(f"{engine.name}: text + 3 facets + 20 hits", search_samples)
    report("SELECT 1 (same connection)", timed(select_one, runs))
    print(f"  hits per page: mean {statistics.mean(hits):.1f}")
    if engine.name == "database" and connection.vendor == "postgresql":
        samples = server_times(engine, bands, runs, zones, audiences)
        report("database: server execution (EXPLAIN ANALYZE)", samples)


def server_times(engine, bands, runs, zones, audiences):
    """Server-side execution time of each search's statements, without client or queueing.

    On a loaded machine wall-clock figures include waiting for a CPU; this one does not.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    samples = []
    for query in list(queries(runs, zones, audiences, seed=3)):
        with CaptureQueriesContext(connection) as captured:
            engine.search(query, bands)
        total = 0.0
        with connection.cursor() as cursor:
            for statement in captured.captured_queries:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statement["sql"])
                plan = cursor.fetchone()[0][0]
                total += plan["Planning Time"] + plan["Execution Time"]
        samples.append(total)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()

    base_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name, url = create_database(base_url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        from search.engines.database import DatabaseEngine
        from search.models import current_price_bands

        call_command("migrate", "search", verbosity=0)
        bands = current_price_bands()
        engines = [DatabaseEngine()]
        if os.environ.get("ELASTICSEARCH_URL"):
            from search.engines.elasticsearch import ElasticsearchEngine

            engines.append(
                ElasticsearchEngine(
                    os.environ["ELASTICSEARCH_URL"], alias=f"wemi-bench-{os.getpid()}"
                )
            )
        if connection.vendor == "postgresql":
            print(f"PostgreSQL {connection.pg_version}, database {name}")
        else:
            import sqlite3

            print(f"SQLite {sqlite3.sqlite_version}, database {name}")
        for size in args.sizes:
            documents, zones, audiences = synthetic_documents(size)
            print(f"\n{size:,} services")
            for engine in engines:
                start = time.perf_counter()
                engine.rebuild(documents)
                if engine.name == "database":
                    with connection.cursor() as cursor:
                        # As autovacuum would: also merges the GIN indexes' pending lists.
                        cursor.execute(
                            "VACUUM ANALYZE search_searchdocument"
                            if connection.vendor == "postgresql"
                            else "ANALYZE"
                        )
                print(f"  {engine.name}: indexed in {time.perf_counter() - start:.1f} s")
                measure(engine, size, args.runs, zones, audiences, bands)
        for engine in engines[1:]:
            engine.client.indices.delete(index=f"{engine.alias}-*", ignore_unavailable=True)
        connections.close_all()
    finally:
        drop_database(base_url, name)


if __name__ == "__main__":
    main()
