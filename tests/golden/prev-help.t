# mse-prevalence --help
tool: mse-prevalence
args: --help
exit: 0
