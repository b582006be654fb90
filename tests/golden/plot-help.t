# mse-plot --help
tool: mse-plot
args: --help
exit: 0
