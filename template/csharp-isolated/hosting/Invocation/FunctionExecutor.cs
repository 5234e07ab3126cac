using System.Globalization;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Metadata;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>
/// The last step of the invocation pipeline: binds the parameters, then creates the function
/// class (constructor injection from the invocation's scope) and calls the method through the
/// typed call the source generator wrote for it (<see cref="GeneratedFunction"/>), awaiting its result.
/// </summary>
internal sealed class FunctionExecutor(IOptions<WorkerOptions> workerOptions) : IFunctionExecutor
{
    public async ValueTask ExecuteAsync(FunctionContext context)
    {
        var invocation = (WorkerFunctionContext)context;
        var function = invocation.Function;
        var inputs = invocation.Inputs;
        var arguments = new object?[function.Bindings.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = await BindAsync(function.Bindings[i], invocation, inputs).ConfigureAwait(false);
        }

        var call = function.Method;
        var instance = call.Create?.Invoke(invocation.InstanceServices);
        try
        {
            var result = await call.Invoke!(instance, arguments).ConfigureAwait(false);
            inputs.Bindings.InvocationResult = result;
            inputs.Executed = true;

            // What Worker.Core's OutputBindingsMiddleware does before middleware resumes: each
            // property of a multi-output type becomes the value of its binding.
            if (result is not null)
            {
                foreach (var output in function.OutputProperties)
                {
                    inputs.Bindings.OutputBindingData[output.Name] = output.Property.Get(result);
                }
            }
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private async ValueTask<object?> BindAsync(FunctionParameterBinding binding, WorkerFunctionContext context, InvocationInputs inputs) => binding.Source switch
    {
        ParameterSource.HttpRequest => inputs.Request,
        ParameterSource.AspNetCoreRequest => inputs.HttpContext?.Request,
        ParameterSource.AspNetCoreContext => inputs.HttpContext,
        ParameterSource.TimerInfo => inputs.Timer,
        ParameterSource.FunctionContext => context,
        ParameterSource.CancellationToken => context.CancellationToken,
        ParameterSource.Logger => context.InstanceServices.GetRequiredService<ILoggerFactory>().CreateLogger($"Function.{context.Function.Name}"),
        ParameterSource.Body => await ReadBodyAsync(binding, context, inputs).ConfigureAwait(false),
        ParameterSource.BindingData => FromBindingData(binding, context),
        _ => throw new InvalidOperationException($"Unknown parameter source {binding.Source}."),
    };

    private async ValueTask<object?> ReadBodyAsync(FunctionParameterBinding binding, WorkerFunctionContext context, InvocationInputs inputs)
    {
        var body = inputs.Request?.Body;
        if (body is null || (body.CanSeek && body.Length == 0))
        {
            return DefaultOf(binding);
        }

        if (binding.Type == typeof(string))
        {
            using var reader = new StreamReader(body, leaveOpen: true);
            return await reader.ReadToEndAsync(context.CancellationToken).ConfigureAwait(false);
        }

        if (binding.Type == typeof(byte[]))
        {
            using var copy = new MemoryStream();
            await body.CopyToAsync(copy, context.CancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }

        ObjectSerializer serializer = workerOptions.Value.Serializer
            ?? throw new InvalidOperationException("WorkerOptions.Serializer is not set.");
        try
        {
            return await serializer.DeserializeAsync(body, binding.Type, context.CancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ArgumentBindingException($"The request body is not valid JSON for {binding.Type.Name}: {e.Message}", e);
        }
    }

    private static object? FromBindingData(FunctionParameterBinding binding, FunctionContext context)
    {
        if (!context.BindingContext.BindingData.TryGetValue(binding.Name, out var value) || value is null || value is string { Length: 0 })
        {
            if (binding.Parameter.HasDefaultValue)
            {
                return binding.Parameter.DefaultValue;
            }

            if (!binding.Type.IsValueType || Nullable.GetUnderlyingType(binding.Type) is not null)
            {
                return null;
            }

            throw new ArgumentBindingException($"The route or query value '{binding.Name}' is required.");
        }

        var target = Nullable.GetUnderlyingType(binding.Type) ?? binding.Type;
        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        try
        {
            return binding.Parameter.Parse!(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            throw new ArgumentBindingException($"The route or query value '{binding.Name}' is not a valid {target.Name}.", e);
        }
    }

    /// <summary>The declared default, or <c>default(T)</c> (the generator provides both).</summary>
    private static object? DefaultOf(FunctionParameterBinding binding) => binding.Parameter.DefaultValue;
}
