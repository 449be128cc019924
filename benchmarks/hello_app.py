"""The baseline for benchmarks/load.py: a bare Flask app that answers "hello"."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
