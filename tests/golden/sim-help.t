# mse-sim --help
tool: mse-sim
args: --help
exit: 0
