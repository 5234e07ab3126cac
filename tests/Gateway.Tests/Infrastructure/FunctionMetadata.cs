using System.Reflection;
using System.Runtime.InteropServices;

namespace ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

/// <summary>
/// The Azure Functions attributes compiled into a function assembly, read with
/// MetadataLoadContext (nothing of the function is loaded or run).
/// </summary>
internal static class FunctionMetadata
{
    private const string FunctionAttribute = "Microsoft.Azure.Functions.Worker.FunctionAttribute";
    private const string TimerTriggerAttribute = "Microsoft.Azure.Functions.Worker.TimerTriggerAttribute";

    /// <summary>One [Function] method, with its [TimerTrigger] schedule if it has one.</summary>
    public sealed record DeclaredFunction(string Name, string Method, string? TimerSchedule);

    public static IReadOnlyList<DeclaredFunction> Read(string assemblyPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var paths = Directory.GetFiles(folder, "*.dll")
            .Concat(Directory.GetFiles(runtime, "*.dll"))
            .Concat(AspNetCoreDirectory(runtime) is { } aspnet ? Directory.GetFiles(aspnet, "*.dll") : [])
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        var assembly = context.LoadFromAssemblyPath(assemblyPath);

        var functions = new List<DeclaredFunction>();
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == FunctionAttribute);
                if (function is null)
                {
                    continue;
                }

                var timer = method.GetParameters()
                    .SelectMany(p => p.GetCustomAttributesData())
                    .FirstOrDefault(a => a.AttributeType.FullName == TimerTriggerAttribute);
                functions.Add(new DeclaredFunction(
                    (string)function.ConstructorArguments[0].Value!,
                    $"{type.FullName}.{method.Name}",
                    timer?.ConstructorArguments.FirstOrDefault().Value as string));
            }
        }

        return functions;
    }

    private static string? AspNetCoreDirectory(string runtimeDirectory)
    {
        // .../shared/Microsoft.NETCore.App/<version>/ → .../shared/Microsoft.AspNetCore.App/<same or newest>/
        var version = new DirectoryInfo(runtimeDirectory).Name;
        var shared = Path.Combine(runtimeDirectory, "..", "..", "Microsoft.AspNetCore.App");
        if (!Directory.Exists(shared))
        {
            return null;
        }

        var exact = Path.Combine(shared, version);
        return Directory.Exists(exact) ? exact : Directory.GetDirectories(shared).Order(StringComparer.Ordinal).LastOrDefault();
    }
}
