# --version
tool: mse-check
args: --version
exit: 0
