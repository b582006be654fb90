# --help
tool: mse-models
args: --help
exit: 0
