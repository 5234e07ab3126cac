using ImageCacheFunctions.LocalGateway.CommandLine;

return await GatewayCommandLine.InvokeAsync(args).ConfigureAwait(false);
