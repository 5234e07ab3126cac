using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>One <c>[Function]</c> method found in the function assembly, with how to call it.</summary>
internal sealed class FunctionEntry : FunctionDefinition
{
    public FunctionEntry(
        GeneratedFunction method,
        string pathToAssembly,
        HttpTriggerAttribute? httpTrigger,
        TimerTriggerAttribute? timerTrigger,
        IReadOnlyList<FunctionParameterBinding> bindings,
        bool? returnsValue,
        IReadOnlyList<OutputProperty> outputProperties,
        IReadOnlyList<string> droppedOutputs)
    {
        Name = method.Name;
        Method = method;
        HttpTrigger = httpTrigger;
        TimerTrigger = timerTrigger;
        Bindings = bindings;
        OutputProperties = outputProperties;
        DroppedOutputs = droppedOutputs;
        ReturnsNothing = returnsValue is null && outputProperties.Count == 0;
        EntryPoint = method.EntryPoint;
        PathToAssembly = pathToAssembly;
        Parameters = [.. method.Parameters.Select(p => new FunctionParameter(p.Name, p.Type))];

        var trigger = bindings.FirstOrDefault(b => b.Parameter.Attributes.Any(a => a is HttpTriggerAttribute or TimerTriggerAttribute));
        var inputs = ImmutableDictionary.CreateBuilder<string, BindingMetadata>();
        if (trigger is not null)
        {
            inputs[trigger.Name] = new HostBindingMetadata(trigger.Name, httpTrigger is not null ? "httpTrigger" : "timerTrigger", BindingDirection.In);
        }

        InputBindings = inputs.ToImmutable();

        // As the Worker SDK describes them: "$return" (http for an HTTP function), or one binding per output property.
        var outputs = ImmutableDictionary.CreateBuilder<string, BindingMetadata>();
        if (returnsValue == true && httpTrigger is not null)
        {
            outputs["$return"] = new HostBindingMetadata("$return", "http", BindingDirection.Out);
        }

        foreach (var property in outputProperties)
        {
            outputs[property.Name] = new HostBindingMetadata(property.Name, property.BindingType, BindingDirection.Out);
        }

        OutputBindings = outputs.ToImmutable();
        HttpOutputProperty = outputProperties.FirstOrDefault(p => p.BindingType == "http");
    }

    /// <summary>What the generator found, with the typed call.</summary>
    public GeneratedFunction Method { get; }

    public HttpTriggerAttribute? HttpTrigger { get; }

    public TimerTriggerAttribute? TimerTrigger { get; }

    public IReadOnlyList<FunctionParameterBinding> Bindings { get; }

    /// <summary>void, Task or ValueTask: an HTTP call it serves answers 204 unless middleware set a result.</summary>
    public bool ReturnsNothing { get; }

    /// <summary>The properties of a multi-output return type, each an output binding.</summary>
    public IReadOnlyList<OutputProperty> OutputProperties { get; }

    /// <summary>The multi-output property that is the HTTP response, if any.</summary>
    public OutputProperty? HttpOutputProperty { get; }

    /// <summary>Output bindings without an OpenFaaS counterpart, whose values are dropped.</summary>
    public IReadOnlyList<string> DroppedOutputs { get; }

    public override ImmutableArray<FunctionParameter> Parameters { get; }

    public override string PathToAssembly { get; }


    public override string EntryPoint { get; }

    // Computed when first asked (an invocation's context), not at start: SHA-256 loads the
    // cryptography libraries (4.6 MB mapped), which nothing else needs before the first call.
    public override string Id => field ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Name)))[..16];

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }
}
