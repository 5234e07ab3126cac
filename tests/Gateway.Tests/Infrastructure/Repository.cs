using System.Reflection;

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>Paths in the repository under test.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string StackFile => Path.Combine(Root, "stack.yml");

    public static string EchoFunction => Path.Combine(Root, "tests", "Gateway.Tests", "EchoFunction");

    /// <summary>LocalGateway.dll as built next to the tests (a project reference).</summary>
    public static string GatewayAssembly => Path.Combine(AppContext.BaseDirectory, "LocalGateway.dll");
}
