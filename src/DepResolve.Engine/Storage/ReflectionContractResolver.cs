using System.Reflection;
using Newtonsoft.Json.Serialization;

namespace DepResolve.Engine.Storage;

/// <summary>
/// Newtonsoft.Json's default contracts with accessors that use reflection instead of methods emitted at run time.
/// The default resolver emits a getter, a setter and a constructor per member and record as dynamic methods, which
/// no ReadyToRun image can hold: the first call of a fresh pwsh JIT-compiled about 75 of them for the few records
/// a warm resolution reads (docs/benchmarks.md). The contracts themselves — names, order, null handling — are the
/// default resolver's, so the files read and written are the same.
/// </summary>
internal sealed class ReflectionContractResolver : DefaultContractResolver
{
    public static readonly ReflectionContractResolver Instance = new();

    protected override IValueProvider CreateMemberValueProvider(MemberInfo member) => new ReflectionValueProvider(member);

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        if (contract.DefaultCreator is not null && objectType.GetConstructor(Type.EmptyTypes) is { } constructor)
        {
            contract.DefaultCreator = () => constructor.Invoke(null);
        }

        return contract;
    }
}
