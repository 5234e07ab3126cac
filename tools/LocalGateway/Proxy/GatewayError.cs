namespace ImageCacheFunctions.LocalGateway.Proxy;

/// <summary>The JSON body of an error the gateway answers itself.</summary>
internal sealed record GatewayError(string Error);
