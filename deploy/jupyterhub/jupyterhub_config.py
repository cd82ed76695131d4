"""JupyterHub for a Step Up programme on one machine.

Each engineer logs in with their own account on this machine (PAM), and JupyterHub starts their
own server as that account: `stepup hub-server` keeps the journal in the engineer's home
(~/.local/share/stepup, files 0600, folders 0700), so no other engineer's server can read it.
The Step Up service (widgets/hub_service.py) holds the snapshots engineers choose to share and
shows them to their coaches. Who coaches whom is JupyterHub RBAC: the roles at the end.

Run (as root, since the hub starts servers as other users):

    pip install 'stepup-workbook[hub]'        # JupyterHub, Step Up and JupyterLab
    npm install -g configurable-http-proxy    # the proxy JupyterHub drives
    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Then edit the roles below as coaches and cohorts change, and restart the hub. Put TLS in
front (c.JupyterHub.ssl_cert / ssl_key, or a reverse proxy) before anyone logs in over a
network. The same settings for Kubernetes are in values.yaml beside this file.
"""

import os
import sys

c = get_config()  # noqa: F821 - JupyterHub defines get_config in config files

# Where the service keeps the snapshots it receives: one NAME.json (0600) per engineer in a
# folder only the hub's account can enter (0700). Back this folder up (see the README).
STORE = os.environ.get("STEPUP_HUB_STORE", "/srv/stepup/snapshots")
SERVICE_PORT = int(os.environ.get("STEPUP_HUB_SERVICE_PORT", "10101"))
SERVICE_URL = f"http://127.0.0.1:{SERVICE_PORT}"

c.JupyterHub.bind_url = os.environ.get("STEPUP_HUB_BIND_URL", "http://:8000")
c.JupyterHub.cookie_secret_file = "/srv/jupyterhub/jupyterhub_cookie_secret"
c.JupyterHub.db_url = "sqlite:////srv/jupyterhub/jupyterhub.sqlite"

# Each engineer's own server, as their own account, on Step Up: the journal and workbooks in
# their home, umask 077. The arguments JupyterHub adds are passed on after "--".
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(os.path.dirname(sys.executable), "stepup"), "hub-server", "--"]
c.Spawner.default_url = "/lab/tree/00_start_here.ipynb"
# The kernel reaches the Step Up service directly (no detour through the public proxy).
c.Spawner.environment = {"STEPUP_HUB_SERVICE_URL": f"{SERVICE_URL}/services/stepup/"}
# The server's own token ($JUPYTERHUB_API_TOKEN, which "Share with my coach" uses) may reach
# the Step Up service as well as what a server's token always does.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service=stepup",
]

# The Step Up service, started and restarted by the hub. Logging in to it asks the hub only
# for the coach scope (and the hub grants only what the user's roles hold).
c.JupyterHub.services = [
    {
        "name": "stepup",
        "display": True,
        "url": SERVICE_URL,
        "command": [sys.executable, "-m", "widgets.hub_service", "--store", STORE],
        # How long the service trusts the hub's answer about a login (a revoked scope or
        # token stops working within this many seconds).
        "environment": {
            "STEPUP_HUB_AUTH_CACHE_SECONDS": os.environ.get("STEPUP_HUB_AUTH_CACHE_SECONDS", "10")
        },
        "oauth_client_allowed_scopes": ["custom:stepup:coach"],
        "oauth_no_confirm": True,
        "info": {"description": "Step Up: mentees' snapshots for their coaches"},
    }
]

# Who may see whom: a coach sees a mentee's snapshot when one of their roles holds
# custom:stepup:coach for that mentee (a user, a group, or, for a programme lead, everyone).
c.JupyterHub.custom_scopes = {
    "custom:stepup:coach": {
        "description": "Read the Step Up snapshots these engineers shared: their roster row "
        "and coach view. Never their server or their journal.",
    },
}
c.JupyterHub.load_groups = {
    # A cohort of engineers, and the coaches who coach all of them. Membership can also be
    # changed in the hub's admin page while it runs; it takes effect within seconds.
    "cohort-a": {"users": []},
    "cohort-a-coaches": {"users": []},
}
c.JupyterHub.load_roles = [
    {
        # Every user: their own server, and the Step Up service (to share their own snapshot).
        "name": "user",
        "scopes": ["self", "access:services!service=stepup"],
    },
    {
        # The service reads a group's members to honour custom:stepup:coach!group=...
        "name": "stepup-service",
        "scopes": ["read:groups"],
        "services": ["stepup"],
    },
    {
        # One coach, one mentee: carol coaches alice.
        "name": "coach-carol",
        "scopes": ["custom:stepup:coach!user=alice"],
        "users": ["carol"],
    },
    {
        # A coaches' role over a group: every member of cohort-a-coaches sees every cohort-a
        # engineer who has shared.
        "name": "cohort-a-coaches",
        "scopes": ["custom:stepup:coach!group=cohort-a"],
        "groups": ["cohort-a-coaches"],
    },
]

# Who may log in: accounts on this machine. Name them, or use a group of this machine.
c.Authenticator.allowed_users = {"alice", "bob", "carol"}
c.Authenticator.admin_users = set()
