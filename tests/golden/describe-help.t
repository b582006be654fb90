# mse-describe --help
tool: mse-describe
args: --help
exit: 0
