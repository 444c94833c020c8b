"""untrainedadvice: what to try where no epoch beat the untrained network."""


def test_the_untrained_networks_advice_follows_the_losses_measured():
    from rnncast.untrainedadvice import untrained_advice

    def epochs(*losses):
        return [{"epoch": i + 1, "train_loss": t, "val_loss": v, "best": False} for i, (t, v) in enumerate(losses)]

    blew = untrained_advice(epochs((835.0, 392.0), (346.0, 63.2)), 0.179, 10)
    assert blew.startswith("every epoch's validation loss was far above it (the lowest, 63.2, is 353 times it)")
    assert untrained_advice(epochs((1.0, 1.0), (1.5, 1.0)), 0.9, 0.1) == (
        "the training loss rose from 1 in epoch 1 to 1.5 in epoch 2; try a smaller learning rate (lr=, --lr, now 0.1)")
    assert untrained_advice(epochs((1.0, 1.0), (0.99, 1.0)), 0.99, 1e-12).startswith(
        "try a larger learning rate (lr=, --lr, now 1e-12) or more epochs and patience")
    aligned = "first check the alignment: ..."  # laterrows.training_note: said in place of more training (decision 686)
    assert untrained_advice(epochs((1.0, 1.0), (0.99, 1.0)), 0.99, 1e-12, aligned) == aligned
    assert untrained_advice(epochs((1.0, 1.0), (1.5, 1.0)), 0.9, 0.1, aligned).endswith("try a smaller learning rate "
                                                                                      "(lr=, --lr, now 0.1)")
    squeezed = "first correct or blank 1e+06 ..."  # outliers.note: one value set the scale; said before the losses'
    assert untrained_advice(epochs((835.0, 392.0), (346.0, 63.2)), 0.179, 10, aligned, squeezed) == squeezed


def test_a_thin_validation_split_is_named_before_the_learning_rate():
    """t35t6: on 40 quarters the validation split was 1 window and the advice blamed the learning rate alone."""
    from rnncast.untrainedadvice import thin_advice

    thin = "the validation split holds only 1 window (4 rows), too few to tell the epochs apart: ..."
    assert thin_advice(thin, 0.01) == (f"{thin}; then try a larger learning rate (lr=, --lr, now 0.01) or more epochs "
                                       "and patience (epochs=, --epochs; patience=, --patience)")


def test_a_training_loss_that_did_not_move_asks_for_a_larger_learning_rate():
    """t38t7 6: at lr 1e-9 the loss changed in its 8th digit and the advice said it "rose from 0.021771 in epoch 1 to
    0.021771 in epoch 2; try a smaller learning rate" (decision 2067)."""
    from rnncast.untrainedadvice import apart, untrained_advice

    def epochs(*losses):
        return [{"epoch": i + 1, "train_loss": t, "val_loss": 0.0255, "best": False} for i, t in enumerate(losses)]

    assert untrained_advice(epochs(0.02177134, 0.02177139), 0.025454, 1e-9).startswith(
        "try a larger learning rate (lr=, --lr, now 1e-09)")
    assert untrained_advice(epochs(-1.0, -0.9999), 0.5, 1e-9).startswith("try a larger learning rate")
    rose = untrained_advice(epochs(0.021771, 0.02181), 0.025454, 0.1)
    assert rose.startswith("the training loss rose from 0.021771 in epoch 1 to 0.02181 in epoch 2; try a smaller")
    assert untrained_advice(epochs(-1.0, -0.5), 0.5, 0.1).startswith("the training loss rose from -1 in epoch 1 to -0.5")
    assert apart(0.0217710, 0.0217712) == ("0.021771", "0.0217712")
    assert apart(1.0, 1.5) == ("1", "1.5")


def test_a_first_epoch_that_rose_above_the_untrained_network_at_a_large_learning_rate_asks_for_a_smaller_one():
    """t39t1 M3: at lr 0.3 (1,000 times the default) epoch 1 raised the validation loss from 0.238 to 0.349 and the
    advice said "try a larger learning rate" (decision 2103)."""
    from rnncast.untrainedadvice import untrained_advice

    def epochs(*losses):
        return [{"epoch": i + 1, "train_loss": t, "val_loss": v, "best": False} for i, (t, v) in enumerate(losses)]

    overshot = untrained_advice(epochs((0.468, 0.349), (0.353, 0.269)), 0.23783, 0.3)
    assert overshot == ("epoch 1's validation loss, 0.349, rose above it at a learning rate 1,000 times the default "
                        "(0.0003); try a smaller learning rate (lr=, --lr, now 0.3)")
    # at the default, or where epoch 1 did not rise above it, the loss moved too little: as before
    assert untrained_advice(epochs((0.468, 0.349), (0.468, 0.269)), 0.23783, 3e-4).startswith("try a larger")
    assert untrained_advice(epochs((0.468, 0.105), (0.468, 0.11)), 0.1, 0.3).startswith("try a larger")  # 1.05 times
