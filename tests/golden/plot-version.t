# mse-plot --version
tool: mse-plot
args: --version
exit: 0
