using System.ComponentModel;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>
/// One <c>[Function]</c> method as the template's source generator describes it at build time
/// (OpenFaaS.Functions.Worker.Generators): its attributes as instances, its parameters, and a
/// typed call. The host reads these instead of scanning assemblies by reflection, so a function
/// is found and called the same way under JIT and NativeAOT. Written by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedFunction
{
    /// <summary>The <c>[Function]</c> name.</summary>
    public required string Name { get; init; }

    /// <summary>The method as Azure names it: <c>Namespace.Type.Method</c>.</summary>
    public required string EntryPoint { get; init; }

    /// <summary>Why the method cannot be called (generic, an abstract class's instance method...); null when it can.</summary>
    public string? Problem { get; init; }

    /// <summary>The method's and its return value's output binding and retry attributes.</summary>
    public IReadOnlyList<Attribute> Attributes { get; init; } = [];

    public IReadOnlyList<GeneratedParameter> Parameters { get; init; } = [];

    /// <summary>What the call yields once awaited: <c>T</c> of <c>Task&lt;T&gt;</c>, <see cref="void"/> for <c>Task</c>.</summary>
    public Type ReturnType { get; init; } = typeof(void);

    /// <summary>The return type's public properties with an output binding attribute or of an <c>HttpResponseData</c> type.</summary>
    public IReadOnlyList<GeneratedOutputProperty> ReturnProperties { get; init; } = [];

    /// <summary>Creates the function class from the invocation's services; null for a static method.</summary>
    public Func<IServiceProvider, object>? Create { get; init; }

    /// <summary>Calls the method on the instance with the bound arguments and awaits what it returns.</summary>
    public Func<object?, object?[], ValueTask<object?>>? Invoke { get; init; }
}
