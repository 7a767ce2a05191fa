"""What the lecture says about a result: sentences chosen from nnmath's verdicts (nnmath.verdicts),
so the words follow the numbers for every config. Scenes pass in the numbers they show."""

from __future__ import annotations

from nnmath.verdicts import Contrast, Difference, Limit, Outcome, Rate, Trend

ONE_LINE = {
    Limit.ONE_HIDDEN_NEURON: "one hidden neuron can only draw one straight line across the plane",
    Limit.ONE_NEURON_FIRST: "its first hidden layer has one neuron, so the layers after it see "
                            "the plane along one straight direction only",
    Limit.LINEAR: "with linear activations the whole network can only draw one straight line",
}
ONE_LINE_SHORT = {
    Limit.ONE_HIDDEN_NEURON: "one hidden neuron draws just one line",
    Limit.ONE_NEURON_FIRST: "a first hidden layer of one neuron sees just one direction",
    Limit.LINEAR: "linear activations draw just one line",
}


def spoken_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def count(n: float, noun: str) -> str:
    """'1 neuron', '3 neurons'."""
    return f"{n:g} {noun}" if n == 1 else f"{n:g} {noun}s"


def why(verdict, dataset: str) -> str:
    """Why a network that did not learn well got no further: its one-line limit, or where its
    loss was when training stopped."""
    if verdict.limit in ONE_LINE:
        return f"The reason: {ONE_LINE[verdict.limit]}, and that is not enough for the {dataset} data."
    if verdict.still_improving:
        return ("Its loss was still falling when training stopped: more epochs might take it "
                "further.")
    if verdict.loss_end >= verdict.loss_start:
        return "Training never brought its loss below where it started."
    return "Its loss had levelled off before training stopped, without finding a better boundary."


def training_result(verdict, dataset: str, train: float, test: float, chance: float) -> list[str]:
    """What the lecture's network learned, in one or two lines, from its verdict and the
    accuracies shown (percent)."""
    if verdict.outcome is Outcome.CHANCE:
        return [f"That is no better than chance: always guessing the commoner class would score "
                f"{chance:g} percent.", why(verdict, dataset)]
    if verdict.outcome is Outcome.PARTLY:
        return [f"It has learned part of the {dataset} data: more than the {chance:g} percent of "
                "always guessing one class, but far from all of it.", why(verdict, dataset)]
    if verdict.outcome is Outcome.OVERFITTED:
        lines = [f"It has overfitted: {train:g} percent on its own training points but only "
                 f"{test:g} on new ones; it memorised more than it learned."]
    else:
        lines = [f"It has learned the {dataset} data well."]
    if verdict.still_improving:
        lines.append("Its loss was still falling when training stopped: more epochs might "
                     "improve it further.")
    return lines


def outcome_label(verdict, chance: float) -> str:
    """A few words for the screen on what the network learned (``chance`` in percent)."""
    return {
        Outcome.WELL: "learned well",
        Outcome.PARTLY: "learned partly",
        Outcome.CHANCE: f"no better than guessing ({chance:g}%)",
        Outcome.OVERFITTED: "overfitted",
    }[verdict.outcome]


def loss_ends(verdict) -> str:
    """What the final train and test losses say, next to each other."""
    if verdict.loss_gap:
        return ("The training loss ends far below the test loss: the network fits its own points "
                "more closely than new ones.")
    if verdict.outcome is Outcome.WELL:
        return ("Train and test loss end close together: what the network learned carries over "
                "to points it has never seen.")
    return ("Train and test loss end close together, but close is not the same as low: the "
            "accuracy tells how much it learned.")


def summary_result(verdict, sizes: str, dataset: str, train: float, test: float) -> str:
    """The summary's point on the lecture's own network."""
    if verdict.outcome is Outcome.WELL:
        return f"Our {sizes} network learned the {dataset} data and reached {test:g}% test accuracy."
    if verdict.outcome is Outcome.PARTLY:
        return f"Our {sizes} network learned part of the {dataset} data: {test:g}% test accuracy."
    if verdict.outcome is Outcome.OVERFITTED:
        return (f"Our {sizes} network overfitted the {dataset} data: {train:g}% on its training "
                f"points, {test:g}% on test points.")
    reason = f": {ONE_LINE_SHORT[verdict.limit]}" if verdict.limit in ONE_LINE_SHORT else ""
    return f"Our {sizes} network stayed at chance on the {dataset} data ({test:g}%){reason}."


def summary_training(verdict) -> str:
    """The summary's point on training: the loss falls, if it did."""
    steps = "Backpropagation finds the gradients; gradient descent follows them downhill"
    if verdict.loss_end < verdict.loss_start:
        return f"{steps}, and the loss falls."
    return f"{steps}; here the loss never fell below its start."


def linearity(verdict) -> str:
    """The linear network against the non-linear one, from nnmath's LinearityVerdict."""
    limit = verdict.nonlinear.limit
    if limit is not Limit.NONE:
        single = "one hidden neuron" if limit is Limit.ONE_HIDDEN_NEURON else \
            "one neuron in its first hidden layer"
        what = {Contrast.NONLINEAR_BETTER: "the non-linear network scores higher",
                Contrast.SAME: "the two score about the same",
                Contrast.LINEAR_BETTER: "the linear network scores higher"}[verdict.contrast]
        return (f"Here {what}, but with {single} the non-linear network cannot bend its "
                "boundary either: its boundary lines all run in one direction.")
    if verdict.contrast is Contrast.NONLINEAR_BETTER:
        return ("With a non-linear activation, the same network bends its boundary around the "
                "data, and classifies it better.")
    if verdict.contrast is Contrast.SAME:
        if verdict.linear.outcome is Outcome.WELL:
            return ("This data is nearly separable by a straight line, so here the non-linear "
                    "network gains little; on curved data it is the difference.")
        return ("Here the two score about the same: the non-linear network's extra flexibility "
                "did not pay off on this data.")
    return ("Here the linear network scores higher: the non-linear one's extra flexibility did "
            "not pay off on this data.")


def decision_map_intro(verdict) -> str:
    """Introduces the trained network's decision map: what it learned, unless it learned nothing."""
    if verdict.outcome is Outcome.CHANCE:
        return "Its decision map, no better than chance: orange is class zero, blue class one."
    return "What it learned: orange is class zero, blue class one."


def decision_map_caption(verdict, dataset: str) -> str:
    """The caption over that map: it says "learned" only when the network did better than
    chance."""
    if verdict.outcome is Outcome.CHANCE:
        return f"its decision map on the {dataset}"
    return f"what it learned on the {dataset}"


def descent_view(verdict) -> str:
    """The training path seen from above on the real loss: downhill only if the loss fell."""
    if verdict.loss_end < verdict.loss_start:
        return "Seen from above, training walked downhill, towards the valley."
    return "Seen from above, training never got below the loss it started from."


RATE_TITLE = {Rate.TOO_SMALL: "too small", Rate.GOOD: "about right", Rate.TOO_LARGE: "too large"}


def rate_line(verdict, steps: int, start: float, end: float) -> str:
    """What one learning rate did on the bowl, from its RateVerdict and the losses as shown;
    every variant says "the loss" (the scene cues the loss strip on it)."""
    if verdict.rate is Rate.TOO_SMALL:
        return f"Too small: after {steps:g} steps the loss is still {end:g}, far from the bottom."
    if verdict.rate is Rate.GOOD:
        return f"About right: in {steps:g} steps the loss falls from {start:g} to {end:g}."
    if verdict.climbs:
        return (f"Too large: every step overshoots the minimum and lands higher on the other side, "
                f"so the loss climbs from {start:g} to {end:g}.")
    return ("Too large: every step overshoots the minimum, and the loss never gets below where "
            "it started.")


def sizes_train_line(trend, trains: list[float], outcomes) -> str:
    """The hidden-size networks' train accuracies (``trains``, shown, ascending in size)."""
    if trend is Trend.SINGLE:
        return f"It classifies {trains[0]:g} percent of its training points correctly."
    if trend is Trend.SAME:
        if outcomes.all_fit:
            return "Every one of them classifies all of its training points correctly."
        return f"All of them fit the same share of their training points, {trains[0]:g} percent."
    if trend is Trend.RISING:
        return "On the training points, accuracy never falls as the networks grow."
    if trend is Trend.FALLING:
        return ("On the training points, accuracy never rises as the networks grow: bigger "
                "does not fit better here.")
    return ("On the training points they differ, though not steadily with size: training also "
            "depends on where each network starts.")


def sizes_test_line(comparison, tests: list[float], outcomes) -> str:
    """The test accuracies by size (``tests`` shown, ascending in size)."""
    trend = comparison.test_trend
    if trend is Trend.SINGLE:
        return f"On the test points it scores {tests[0]:g} percent."
    if trend is Trend.SAME:
        same = f"On the test points they score the same, {tests[0]:g} percent"
        if outcomes.smallest_well:
            return f"{same}: for this data {count(comparison.sizes[0], 'hidden neuron')} " \
                   f"{'is' if comparison.sizes[0] == 1 else 'are'} already enough."
        if outcomes.all_chance:
            return f"{same}, no better than chance."
        return f"{same}: size makes no difference here."
    named = spoken_list([f"{size:g}" for size in comparison.best_sizes])
    who = "1 hidden neuron does" if comparison.best_sizes == (1,) else f"{named} hidden neurons do"
    if trend is Trend.RISING:
        return (f"On the test points a larger network never does worse, and {who} best: here "
                "the extra flexibility carries over to new points.")
    if trend is Trend.FALLING:
        return f"On the test points bigger is not better: {who} best, and the largest does worse."
    if trend is Trend.LARGEST_NOT_BEST:
        return (f"On the test points, {who} best, not the most: more flexibility does not "
                "always carry over to new points.")
    return f"On the test points, {who} best, but accuracy does not rise steadily with size."


def sizes_outcome_lines(outcomes, shown, networks: int) -> list[str]:
    """The networks that stayed at chance (and why) or overfitted, by size, of ``networks``;
    ``shown(size, name)`` gives a network's train or test accuracy as shown."""
    lines = []
    if outcomes.chance:
        sizes = outcomes.chance
        which = count(sizes[0], "hidden neuron") if len(sizes) == 1 else \
            f"{spoken_list([f'{size:g}' for size in sizes])} hidden neurons"
        stays = "the network stays" if len(sizes) == 1 else "the networks stay"
        reason = f": {ONE_LINE[outcomes.chance_limit]}" if outcomes.chance_limit in ONE_LINE else ""
        lines.append(f"With {which} {stays} at chance{reason}.")
    if len(outcomes.overfitted) == 1:
        size = outcomes.overfitted[0]
        lines.append(f"The {size:g}-neuron network overfits: "
                     f"{shown(size, 'train_accuracy'):g} percent of its training points, "
                     f"{shown(size, 'test_accuracy'):g} of the test points.")
    elif outcomes.overfitted:
        sizes = spoken_list([f"{size:g}" for size in outcomes.overfitted])
        every = " all" if len(outcomes.overfitted) == networks else ""
        lines.append(f"The networks with {sizes} hidden neurons{every} overfit: each does far "
                     "better on its training points than on the test points.")
    return lines


def boundaries_apart(difference) -> str:
    """The hidden-size boundaries laid over one another: where they part, from nnmath's
    BoundaryDifference (the sizes that get the telling test point right), or that they barely
    differ."""
    if difference.kind is Difference.POINTS:
        right = difference.right[list(difference.points).index(difference.focus_point)]
        who = "no size gets it right" if not right else \
            f"only {count(right[0], 'hidden neuron')} {'gets' if right[0] == 1 else 'get'} it right" \
            if len(right) == 1 else f"{spoken_list([f'{s:g}' for s in right])} hidden neurons " \
            "get it right"
        return (f"Laid over one another, the boundaries part around one test point: {who}, "
                "the others bend the wrong way.")
    if difference.kind is Difference.PLANE:
        return ("Laid over one another, the boundaries part here, in a gap between the points, "
                "where no test point tells them apart.")
    return ("Laid over one another, the boundaries barely differ: on this data every size "
            "draws nearly the same line.")
