using System.Net;
using System.Net.Sockets;

namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>Asks the OS for an unused loopback port (the child binds it right after).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
