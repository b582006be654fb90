# --lists is required
tool: mse-sim
args: -n 100
exit: 2
