namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>The `dotnet` executable that runs the gateway also builds and runs the functions.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        var self = Environment.ProcessPath;
        if (self is not null
            && string.Equals(System.IO.Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        // Set by `dotnet run` and MSBuild for the processes they start (apphost case).
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
    }
}
