"""The browser editor for one council's folder (`make edit`): Decap CMS in the browser, and a
server on 127.0.0.1 that gives it the council's files and saves only what the editor changed,
once the project's own loader accepts it.

    python -m macros.editor --council example-council --port 8081 --app FOLDER --config FILE

server.py is the HTTP server, backend.py Decap's local backend protocol, saving.py what a save
writes and when it is refused, yamlmerge.py and values.py the changed values applied onto the
original file (ruamel.yaml round trip), council.py the council's folder and its paths.
"""
