"""The baseline for benchmarks/load.py and stack.py: a bare Flask app, "hello" and a 10-item Jinja list."""

from flask import Flask, render_template
from jinja2 import DictLoader

app = Flask(__name__)
LIST = """<!doctype html><title>{{ title }}</title><ol>
{% for item in items %}<li id="i{{ item.id }}"><h3>{{ item.name }}</h3><p>{{ item.address }}</p>
<a href="tel:{{ item.phone }}">{{ item.phone }}</a> <span>{{ '%.1f'|format(item.km) }} km</span></li>
{% endfor %}</ol>"""
app.jinja_loader = DictLoader({"list.html": LIST})  # compiled once and cached, as a real app's templates are


@app.get("/")
def hello():
    return "hello"


@app.get("/list")
def listing():
    items = [
        {
            "id": i,
            "name": f"Centre {i}",
            "address": f"{i} rue de l'Essai, 75014 Paris",
            "phone": "01 00 00 00 00",
            "km": i * 1.7,
        }
        for i in range(10)
    ]
    return render_template("list.html", title="Ten places", items=items)
