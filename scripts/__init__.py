"""The nnlecture command line: preview one scene, render the lecture, check the tool chain."""
