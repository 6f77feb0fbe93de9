from cornu.callbacks import TerminateOnNaN


def test_stops_on_first_non_finite_batch_loss(fake_model, drive, capsys):
    ran = drive([TerminateOnNaN()], fake_model, [{"loss": 1.0}] * 3, steps=2,
                batch_logs={"loss": float("nan")})
    assert ran == 1 and fake_model.stop_training
    assert "Batch 0: Invalid loss, terminating training" in capsys.readouterr().out


def test_finite_losses_do_not_stop(fake_model, drive):
    assert drive([TerminateOnNaN()], fake_model, [{"loss": 1.0}] * 3) == 3
    assert not fake_model.stop_training
