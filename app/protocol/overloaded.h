#pragma once

namespace wr {

// Visitor for std::visit built from lambdas: std::visit(Overloaded { [](A) {}, [](B) {} }, v).
template<class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
// Clang before 17 has no class template argument deduction for aggregates.
template<class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace wr
