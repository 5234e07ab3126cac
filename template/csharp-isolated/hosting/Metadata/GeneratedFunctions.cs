using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>
/// The functions each assembly declares: the source generator adds a module initializer to every
/// assembly built against the host, which registers that assembly's list here.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedFunctions
{
    private static readonly ConcurrentDictionary<Assembly, Func<IReadOnlyList<GeneratedFunction>>> Registered = new();

    /// <summary>Called by generated code: <paramref name="functions"/> describes the <c>[Function]</c> methods of <paramref name="assembly"/>.</summary>
    public static void Register(Assembly assembly, Func<IReadOnlyList<GeneratedFunction>> functions)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(functions);
        Registered[assembly] = functions;
    }

    /// <summary>Called by generated code: a route or query value as <typeparamref name="T"/> (invariant culture).</summary>
    public static T Parse<T>(string text)
        where T : IParsable<T> => T.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The functions of <paramref name="assembly"/>; null when it was built without the generator.</summary>
    internal static IReadOnlyList<GeneratedFunction>? Of(Assembly assembly)
    {
        if (!Registered.ContainsKey(assembly))
        {
            // A module initializer runs when its assembly's code is first used (at start-up under
            // NativeAOT); an assembly named only by FunctionsHostOptions may not have run it yet.
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        }

        return Registered.TryGetValue(assembly, out var functions) ? functions() : null;
    }
}
