"""The lesson's section 7 network, verbatim: the oracle the tests and the benchmark hold nnmath to.

Only where its random numbers come from differs. The lesson calls ``np.random.seed(42)`` in its
first cell and no cell before section 7 draws from numpy's global generator (make_moons and
train_test_split get ``random_state=42``), so its ``np.random.randn`` calls are the first draws of
``RandomState(42)``. A private RandomState gives the same numbers without touching global state.
"""

import numpy as np


class SimpleNeuralNetwork:
    def __init__(self, input_size, hidden_size, output_size):
        # Initialize weights and biases
        random = np.random.RandomState(42)  # the lesson: np.random (seeded 42 in its first cell)
        self.W1 = random.randn(input_size, hidden_size) * 0.1
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = random.randn(hidden_size, output_size) * 0.1
        self.b2 = np.zeros((1, output_size))

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-np.clip(x, -500, 500)))

    def sigmoid_derivative(self, x):
        return x * (1 - x)

    def forward(self, X):
        # Forward pass
        self.z1 = np.dot(X, self.W1) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.a1, self.W2) + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def backward(self, X, y, output, learning_rate):
        # Backpropagation
        self.output_error = y.reshape(-1, 1) - output
        self.output_delta = self.output_error * self.sigmoid_derivative(output)

        self.hidden_error = self.output_delta.dot(self.W2.T)
        self.hidden_delta = self.hidden_error * self.sigmoid_derivative(self.a1)

        # Update weights and biases
        self.W2 += self.a1.T.dot(self.output_delta) * learning_rate
        self.b2 += np.sum(self.output_delta, axis=0, keepdims=True) * learning_rate
        self.W1 += X.T.dot(self.hidden_delta) * learning_rate
        self.b1 += np.sum(self.hidden_delta, axis=0, keepdims=True) * learning_rate

    def train(self, X, y, epochs, learning_rate):
        losses = []
        for i in range(epochs):
            # Forward pass
            output = self.forward(X)

            # Compute loss
            loss = np.mean(np.square(y.reshape(-1, 1) - output))
            losses.append(loss)

            # Backward pass
            self.backward(X, y, output, learning_rate)

        return losses

    def predict(self, X):
        return (self.forward(X) >= 0.5).astype(int)
