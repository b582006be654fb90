# --version
tool: mse-models
args: --version
exit: 0
