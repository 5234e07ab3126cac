using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>
/// The functions each assembly declares: the source generator adds a module initializer to every
/// assembly built against the host, which registers that assembly's list here, and its JSON contexts.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedFunctions
{
    private static readonly ConcurrentDictionary<Assembly, Func<IReadOnlyList<GeneratedFunction>>> Registered = new();

    private static readonly ConcurrentQueue<Func<IJsonTypeInfoResolver>> JsonContexts = new();

    /// <summary>Called by generated code: <paramref name="functions"/> describes the <c>[Function]</c> methods of <paramref name="assembly"/>.</summary>
    public static void Register(Assembly assembly, Func<IReadOnlyList<GeneratedFunction>> functions)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(functions);
        Registered[assembly] = functions;
    }

    /// <summary>Called by generated code: a <c>JsonSerializerContext</c> of a function assembly (its <c>Default</c>, made when first needed).</summary>
    public static void RegisterJson(Func<IJsonTypeInfoResolver> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsonContexts.Enqueue(context);
    }

    /// <summary>
    /// The contracts of the worker's serializer: under JIT reflection's, as on Azure (what
    /// <c>JsonSerializer</c> would fill in); where reflection-based JSON is off (NativeAOT) the
    /// types the function assemblies' <c>JsonSerializerContext</c>s describe.
    /// </summary>
    internal static void AddJsonContracts(JsonSerializerOptions options)
    {
        // ASP.NET Core's JSON options choose from System.Text.Json's feature switch: reflection's
        // contracts where reflection is allowed, none where a NativeAOT publish turned it off.
        options.TypeInfoResolver ??= new JsonOptions().SerializerOptions.TypeInfoResolver;
        if (JsonSerializer.IsReflectionEnabledByDefault)
        {
            return;
        }

        foreach (var context in JsonContexts.Select(c => c()).Where(c => !options.TypeInfoResolverChain.Contains(c)))
        {
            options.TypeInfoResolverChain.Add(context);
        }
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
