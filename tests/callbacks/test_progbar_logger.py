import re

from cornu.callbacks import CallbackList


def run_fit(model, verbose, epochs=2, steps=3):
    callbacks = CallbackList([], add_progbar=verbose != 0, model=model, verbose=verbose,
                             epochs=epochs, steps=steps)
    callbacks.on_train_begin()
    for epoch in range(epochs):
        callbacks.on_epoch_begin(epoch)
        for step in range(steps):
            callbacks.on_train_batch_begin(step)
            callbacks.on_train_batch_end(step, {"loss": 1.0 / (step + 1)})
        callbacks.on_test_begin()
        callbacks.on_test_batch_end(0, {"loss": 9.0})
        callbacks.on_test_end({"loss": 9.0})
        callbacks.on_epoch_end(epoch, {"loss": 0.5 + epoch, "val_loss": 2.0})
    callbacks.on_train_end()


def test_verbose_one_prints_headers_and_final_epoch_lines(fake_model, capsys):
    run_fit(fake_model, verbose=1)
    out = capsys.readouterr().out
    assert "\r" not in out and "\x1b" not in out and "\b" not in out
    lines = out.splitlines()
    assert lines[0] == "Epoch 1/2"
    assert "Epoch 2/2" in lines
    finals = [line for line in lines if line.startswith("3/3")]
    assert len(finals) == 2 and all("val_loss" in line for line in finals)
    assert re.search(r"3/3 \S+ \d+s \d+\w+/step - loss: 0\.5000 - val_loss: 2\.0000$", finals[0])
    assert "loss: 1.5000" in finals[1]
    assert "9.0000" not in out  # validation batches are not shown during fit


def test_verbose_two_prints_one_line_per_epoch(fake_model, capsys):
    run_fit(fake_model, verbose=2, epochs=1)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"3/3 - \d+s - \d+\w+/step - loss: 0\.5000 - val_loss: 2\.0000",
                        lines[0])


def test_standalone_evaluate_and_predict_show_a_bar(fake_model, capsys):
    callbacks = CallbackList([], add_progbar=True, model=fake_model, verbose=1, steps=2)
    callbacks.on_test_begin()
    callbacks.on_test_batch_end(0, {"loss": 3.0})
    callbacks.on_test_batch_end(1, {"loss": 2.0})
    callbacks.on_test_end({"loss": 2.0})
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("2/2") and "loss: 2.0000" in out
    callbacks.on_predict_begin()
    callbacks.on_predict_batch_end(0, {"outputs": [1, 2]})
    callbacks.on_predict_end()
    out = capsys.readouterr().out
    assert "outputs" not in out


def test_unknown_steps_use_the_count_seen(fake_model, capsys):
    callbacks = CallbackList([], add_progbar=True, model=fake_model, verbose=2, epochs=1,
                             steps=None)
    callbacks.on_train_begin()
    callbacks.on_epoch_begin(0)
    for step in range(4):
        callbacks.on_train_batch_end(step, {"loss": 1.0})
    callbacks.on_epoch_end(0, {"loss": 1.0})
    assert capsys.readouterr().out.startswith("4/4 - ")
