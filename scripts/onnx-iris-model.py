"""Makes test/fixtures/onnx/iris-mlp.onnx: a small PyTorch classifier of Fisher's iris, exported by
torch.onnx.export, and iris-mlp.expected.json: PyTorch's own answers for all 150 flowers.

Run with Debian's Python and packages (no pip needed):
    apt-get install python3-torch python3-sklearn
    /usr/bin/python3 scripts/onnx-iris-model.py
Made with PyTorch 1.13.1 (Debian's python3-torch 1.13.1+dfsg-4) and scikit-learn 1.2.1 (its iris data).
"""
import json
import pathlib

import torch
from sklearn.datasets import load_iris

torch.manual_seed(0)
out = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "onnx"

iris = load_iris()
x = torch.tensor(iris.data, dtype=torch.float32)  # sepal length, sepal width, petal length, petal width (cm)
y = torch.tensor(iris.target, dtype=torch.long)  # setosa, versicolor, virginica


class IrisNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = torch.nn.Flatten()
        self.fc1 = torch.nn.Linear(4, 8)
        self.fc2 = torch.nn.Linear(8, 3)

    def forward(self, measurements):
        hidden = torch.relu(self.fc1(self.flatten(measurements)))
        return torch.softmax(self.fc2(hidden), dim=1)


model = IrisNet()
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
for epoch in range(500):
    optimizer.zero_grad()
    probabilities = model(x)
    loss = torch.nn.functional.nll_loss(torch.log(probabilities + 1e-12), y)
    loss.backward()
    optimizer.step()

model.eval()
with torch.no_grad():
    probabilities = model(x)
accuracy = (probabilities.argmax(dim=1) == y).float().mean().item()

torch.onnx.export(
    model,
    x[:1],
    out / "iris-mlp.onnx",
    input_names=["measurements"],
    output_names=["probabilities"],
    dynamic_axes={"measurements": {0: "batch"}, "probabilities": {0: "batch"}},
    opset_version=17,
)
(out / "iris-mlp.expected.json").write_text(
    json.dumps(
        {
            "made_by": f"PyTorch {torch.__version__} (torch.onnx.export, opset 17), scikit-learn's iris data",
            "script": "scripts/onnx-iris-model.py",
            "classes": list(iris.target_names),
            "loss": round(loss.item(), 6),
            "accuracy": accuracy,
            "inputs": x.tolist(),
            "labels": y.tolist(),
            "probabilities": probabilities.tolist(),
        },
        indent=None,
    )
    + "\n"
)
print(f"loss {loss.item():.4f}, accuracy {accuracy:.4f}")
