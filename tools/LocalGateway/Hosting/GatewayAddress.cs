namespace ImageCacheFunctions.LocalGateway.Hosting;

/// <summary>The gateway's own URL, known once Kestrel listens (the port may be chosen by the OS).</summary>
internal sealed class GatewayAddress
{
    private Uri? _url;

    public Uri Url => _url ?? throw new InvalidOperationException("the gateway is not listening yet");

    public void Set(Uri url) => _url = url;
}
