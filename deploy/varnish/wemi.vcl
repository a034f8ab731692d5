# WeMi behind Varnish (Debian's varnish 7.1): public pages for anonymous visitors come from
# the cache; logged-in visitors, the admin and the shop go straight to the application.
# Wagtail purges changed pages with PURGE requests (WAGTAIL_FRONTEND_CACHE_URL points here).
#
# The application servers are listed below; with several, add a backend per server and a
# directors.round_robin() in vcl_init (see README, "Running in production").
# scripts/production-check.sh rewrites the backend's port.
vcl 4.1;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/health/";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# The WebSockets of the quote threads (/ws/): a Daphne process (config.asgi), apart from the
# page servers (docs/decisions/0026). scripts/production-check.sh rewrites this port too.
backend websockets {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 2s;
}

# Who may purge: the application servers and task workers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging not allowed"));
        }
        # A search address (the page in a language, or the API) stands for every search
        # made there, whatever its query string: all of them are dropped.
        if (req.url ~ "^/([a-z]{2}(-[a-z]+)?/cerca|api/search)/$") {
            ban("req.http.host == " + req.http.host + " && req.url ~ ^" + req.url);
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    # WebSockets: the upgrade goes to Daphne through a pipe (Varnish copies bytes both ways
    # for the life of the connection); never cached, never to the page servers.
    if (req.url ~ "^/ws/") {
        set req.backend_hint = websockets;
        if (req.http.Upgrade ~ "(?i)websocket") {
            return (pipe);
        }
        return (synth(426, "Upgrade Required"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Per-user or staff areas: the admin, the shop (basket, checkout, account), language
    # switching, health checks.
    if (req.url ~ "^/(cms|django-admin|i18n|health)/" || req.url ~ "^/[a-z-]+/shop/") {
        return (pass);
    }
    # A logged-in visitor, or one with a message waiting: never from the shared cache.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anonymous: no cookie changes a public page, so the request is shared.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_pipe {
    # Keep the upgrade headers Varnish would otherwise drop on a piped request.
    if (req.http.Upgrade) {
        set bereq.http.Upgrade = req.http.Upgrade;
        set bereq.http.Connection = req.http.Connection;
    }
}

sub vcl_backend_response {
    # Text is sent compressed (Lighthouse "text compression", C.SI.4.1 of the Designers
    # Italia model): Varnish gzips pages and API answers once, keeps the gzipped copy and
    # unzips it for the rare client that does not accept gzip. Static files come already
    # compressed from WhiteNoise. Django masks the CSRF token per response, so compressing
    # pages with forms does not expose it (BREACH).
    if (!beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^(text/|application/(json|javascript|xml|ld\+json))") {
        set beresp.do_gzip = true;
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    # A response that sets a cookie or says it is private is never shared.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    if (beresp.status >= 500) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Requests reaching the cache carry no cookie: Vary: Cookie adds nothing.
    if (beresp.http.Vary) {
        set beresp.http.Vary = regsub(beresp.http.Vary, "(?i)(^|,\s*)Cookie\s*(,|$)", "\1");
        set beresp.http.Vary = regsub(beresp.http.Vary, "(^,\s*|,\s*$)", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }
    # Pages without their own lifetime are kept an hour: publishing purges them at once.
    if (!beresp.http.Cache-Control && beresp.http.Content-Type ~ "^(text/html|application/json)") {
        if (beresp.status == 200) {
            set beresp.ttl = 1h;
        } else {
            set beresp.ttl = 1m;
        }
    }
    set beresp.grace = 30s;
    return (deliver);
}

sub vcl_deliver {
    # For operators and scripts/production-check.sh: was this a hit?
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Browsers must not keep pages the cache can purge.
    if (resp.http.Content-Type ~ "^text/html" && !resp.http.Cache-Control) {
        set resp.http.Cache-Control = "no-cache";
    }
}
