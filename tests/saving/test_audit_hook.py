"""Loading the red-team corpus runs no code from the files and opens only the given file."""
import json
import os
import subprocess
import sys

from . import corpus

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INTEROP = "/work/shared/interop/keras-3.15.1"
# Genuine Keras files: they must load, with the same audit guarantees.
LEGIT = [os.path.join(INTEROP, name) for name in (
    "sequential_2layer.keras", "functional_shared_dict.keras", "nested_subclassed.keras",
    "sequential_2layer_legacy.h5")]

CHILD = r"""
import json, sys, warnings
warnings.simplefilter("ignore")  # printing a warning would read source files
import cornu
from cornu.layers.layer import Layer
from cornu.saving import saving_api

import tests.saving.custom_classes  # registers cornu_test>Scale / Block
cases = json.loads(sys.argv[1])
cases.update({"legit:" + path: [path, "model"] for path in json.loads(sys.argv[3])})
target = Layer(name="target_layer")

def load(path, kind):
    try:
        if kind == "model":
            saving_api.load_model(path)
        else:
            saving_api.load_weights(target, path)
    except Exception as error:
        return type(error).__name__
    return "loaded"

# Warm-up: imports and lazy registries are filled before auditing starts.
for path, kind in cases.values():
    load(path, kind)

events = []
WATCHED = ("exec", "compile", "marshal.loads", "marshal.load", "pickle.find_class",
           "os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "ctypes.dlopen",
           "urllib.Request", "socket.connect", "import")

def hook(event, args):
    if event == "open":
        events.append(["open", str(args[0])])
    elif event.startswith(WATCHED):
        events.append([event, repr(args)[:200]])

sys.addaudithook(hook)
outcomes = {}
for name, (path, kind) in cases.items():
    start = len(events)
    outcome = load(path, kind)
    outcomes[name] = [outcome, events[start:]]
# Positive control: the hook does see bytecode loading when the user opts out of safe mode.
start = len(events)
from cornu.saving.serialization_lib import deserialize_keras_object
fn = deserialize_keras_object(json.loads(sys.argv[2]), safe_mode=False)
control = [event for event, _ in events[start:]]
print("RESULT" + json.dumps({"outcomes": outcomes, "control": control, "value": fn(1.0)}))
"""


def test_loading_corpus_runs_no_code_and_opens_only_given_file(tmp_path):
    crafted = corpus.build_corpus(str(tmp_path))
    env = dict(os.environ, PYTHONPATH=REPO_ROOT)
    child = subprocess.run([sys.executable, "-c", CHILD, json.dumps(crafted),
                            json.dumps(corpus.lambda_payload()), json.dumps(LEGIT)], env=env,
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == 0, child.stderr[-3000:]
    line = [ln for ln in child.stdout.splitlines() if ln.startswith("RESULT")][-1]
    result = json.loads(line[len("RESULT"):])
    assert "marshal.loads" in result["control"] and result["value"] == 2.0
    outcomes = result["outcomes"]
    assert set(outcomes) == set(crafted) | {"legit:" + path for path in LEGIT}
    for name, (outcome, events) in outcomes.items():
        if name.startswith("legit:"):
            path = name[len("legit:"):]
            assert outcome == "loaded", f"{path} failed to load: {outcome}"
        else:
            path = crafted[name][0]
            assert outcome != "loaded", f"{name} was accepted"
        for event, detail in events:
            if event == "open":
                assert os.path.realpath(detail) == os.path.realpath(path), (name, detail)
            else:
                raise AssertionError(f"{name}: audit event {event} {detail}")
