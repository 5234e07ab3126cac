using ImageCacheFunctions.LocalGateway.Stack;

namespace ImageCacheFunctions.LocalGateway.Tests.BuildContext;

/// <summary>
/// Lays out build/&lt;fn&gt;/ as `faas-cli build --shrinkwrap` does: the template folder, then the
/// handler's entries over function/ (its top-level `build` and `template` folders skipped),
/// then each stack.yml `copy` path under function/&lt;path&gt;. bin/ and obj/ are left out
/// everywhere, as the template's .dockerignore keeps them out of the image build.
/// </summary>
internal static class FaasCliBuildContext
{
    private static readonly string[] HandlerSkips = ["build", "template"];
    private static readonly string[] IgnoredEverywhere = ["bin", "obj"];

    public static string Create(StackDefinition stack, StackFunction function, string buildRoot)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(function);
        var context = Path.Combine(buildRoot, "build", function.Name);
        var template = Path.Combine(stack.RootDirectory, "template", function.Language);
        if (!Directory.Exists(template))
        {
            throw new DirectoryNotFoundException($"{function.Name}: template/{function.Language} not found");
        }

        Copy(template, context);

        var functionFolder = Path.Combine(context, "function");
        Directory.CreateDirectory(functionFolder);
        foreach (var entry in new DirectoryInfo(function.HandlerDirectory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo && HandlerSkips.Contains(entry.Name, StringComparer.Ordinal))
            {
                continue;
            }

            Copy(entry.FullName, Path.Combine(functionFolder, entry.Name));
        }

        foreach (var copyPath in stack.CopyPaths)
        {
            var relative = Path.GetRelativePath(stack.RootDirectory, Path.GetFullPath(Path.Combine(stack.RootDirectory, copyPath)));
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                // faas-cli refuses copy paths outside the stack's folder.
                throw new InvalidOperationException($"copy path {copyPath} is outside {stack.RootDirectory}");
            }

            Copy(Path.Combine(stack.RootDirectory, relative), Path.Combine(functionFolder, relative));
        }

        return context;
    }

    /// <summary>A file, or a folder without bin/ and obj/ (as .dockerignore leaves it out of the context).</summary>
    internal static void Copy(string source, string destination)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination, overwrite: true);
            return;
        }

        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo && IgnoredEverywhere.Contains(entry.Name, StringComparer.Ordinal))
            {
                continue;
            }

            Copy(entry.FullName, Path.Combine(destination, entry.Name));
        }
    }
}
