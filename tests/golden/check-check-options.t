# --check-options reads no input
tool: mse-check
args: --check-options -s bic
exit: 0
