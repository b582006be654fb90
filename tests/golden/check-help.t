# --help explains every option
tool: mse-check
args: --help
exit: 0
